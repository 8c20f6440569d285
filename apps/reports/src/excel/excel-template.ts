import ExcelJS from 'exceljs';
import { ReportForm } from '../forms/schemas/report-form.schema';
import { CELLS, COLUMNS, FIRST_VALUE_ROW, HEADER_ROW, HEADERS, SHEET_NAME } from './excel-layout';

/** The form's own Excel file: what officials fill and upload. */
export async function formTemplate(form: ReportForm, unitCode = ''): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(SHEET_NAME);
  sheet.getCell('A1').value = form.nameVi;
  sheet.getCell('A1').font = { bold: true, size: 14, name: 'Times New Roman' };
  sheet.getCell('A2').value = 'Mã biểu mẫu / Form';
  sheet.getCell(CELLS.formCode).value = form.code;
  sheet.getCell('A3').value = 'Kỳ báo cáo / Period';
  sheet.getCell('C3').value = `${form.periodType}: 2024, 2024N9, 2024S1, 2024Q1, 202401`;
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
