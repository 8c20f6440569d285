import ExcelJS from 'exceljs';
import { FixedPeriodType, periodTypeLabel } from '@dtp/domain';
import { ReportForm } from '../forms/schemas/report-form.schema';
import { CELLS, COLUMNS, FIRST_VALUE_ROW, HEADER_ROW, HEADERS, SHEET_NAME } from './excel-layout';

const PERIOD_EXAMPLES: Record<FixedPeriodType, string> = { year: '2024', 'nine-months': '2024N9', 'half-year': '2024S1', quarter: '2024Q1', month: '202401' };

/** The form's own Excel file: what officials fill and upload. */
export async function formTemplate(form: ReportForm, unitCode = ''): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(SHEET_NAME);
  sheet.getCell('A1').value = form.nameVi;
  sheet.getCell('A1').font = { bold: true, size: 14, name: 'Times New Roman' };
  sheet.getCell('A2').value = 'Mã biểu mẫu / Form';
  sheet.getCell(CELLS.formCode).value = form.code;
  sheet.getCell('A3').value = 'Kỳ báo cáo / Period';
  // What to write in B3, in words and by example: "theo quý, ví dụ 2024Q1".
  sheet.getCell('C3').value = `theo ${periodTypeLabel(form.periodType, 'vi')}, ví dụ ${PERIOD_EXAMPLES[form.periodType]} / by ${periodTypeLabel(form.periodType, 'en')}, e.g. ${PERIOD_EXAMPLES[form.periodType]}`;
  sheet.getCell('A4').value = 'Mã đơn vị / Unit';
  sheet.getCell(CELLS.unitCode).value = unitCode;
  const header = sheet.getRow(HEADER_ROW);
  header.values = [HEADERS.index, HEADERS.code, HEADERS.name, HEADERS.unit, HEADERS.value, HEADERS.numerator, HEADERS.denominator, HEADERS.done, HEADERS.comment];
  header.font = { bold: true };
  form.indicators.forEach((indicator, i) => {
    const row = sheet.getRow(FIRST_VALUE_ROW + i);
    row.getCell('A').value = i + 1;
    row.getCell(COLUMNS.code).value = indicator.code;
    row.getCell(COLUMNS.name).value = indicator.nameVi;
    row.getCell(COLUMNS.unit).value = indicator.unitOfMeasure;
    // Thousands grouped as Vietnamese forms show them (630.485 in a vi-VN Excel).
    for (const c of [COLUMNS.value, COLUMNS.numerator, COLUMNS.denominator]) row.getCell(c).numFmt = '#,##0.##';
  });
  sheet.columns.forEach((column, i) => (column.width = [6, 24, 48, 14, 16, 16, 16, 22, 30][i] ?? 14));
  sheet.views = [{ state: 'frozen', ySplit: HEADER_ROW }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
