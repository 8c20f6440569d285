import ExcelJS from 'exceljs';
import { parseViNumber, ViNumberError } from '@dtp/domain';
import { FieldProblem } from '@dtp/platform';
import { FormIndicator } from '../forms/schemas/report-form.schema';
import { ReportedValue } from '../submissions/schemas/submission.schema';
import { CELLS, COLUMNS, FIRST_VALUE_ROW, SHEET_NAME } from './excel-layout';

export interface ParsedReport {
  formCode: string;
  period: string;
  unitCode?: string;
  values: ReportedValue[];
}

type CellReader = (address: string) => unknown;

/** The value Excel shows: the result of a formula, the text of rich text, a date as is. */
function plain(value: ExcelJS.CellValue): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'object' && !(value instanceof Date)) {
    if ('result' in value) return plain(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return value.text;
    if ('error' in value) return value;
  }
  return typeof value === 'string' ? (value.trim() === '' ? undefined : value.trim()) : value;
}

export async function loadSheet(file: Buffer): Promise<{ read: CellReader; rows: number } | undefined> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    return undefined;
  }
  const sheet = workbook.getWorksheet(SHEET_NAME) ?? workbook.worksheets[0];
  if (!sheet) return undefined;
  const read = (address: string) => {
    const cell = sheet.getCell(address);
    const value = plain(cell.value);
    // 86% typed in a percent-formatted cell is stored as 0.86: give it back in percent.
    return typeof value === 'number' && cell.numFmt?.includes('%') ? value * 100 : value;
  };
  return { read, rows: sheet.rowCount };
}

/** The header cells: which form and period the file reports. */
export function readHeader(read: CellReader): { formCode?: string; period?: string; unitCode?: string } {
  const text = (address: string) => {
    const v = read(address);
    return v === undefined ? undefined : String(v);
  };
  return { formCode: text(CELLS.formCode), period: text(CELLS.period), unitCode: text(CELLS.unitCode) };
}

/**
 * Every value row of the sheet, checked cell by cell against the form. Nothing is returned as
 * values if any cell is wrong: the file is refused whole, each wrong cell named.
 */
export function readValues(read: CellReader, rows: number, indicators: FormIndicator[]): { values: ReportedValue[]; rowOf: Map<string, number>; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const values: ReportedValue[] = [];
  const rowOf = new Map<string, number>();
  const byCode = new Map(indicators.map((i) => [i.code, i]));
  const seen = new Set<string>();
  const cellProblem = (column: string, row: number, message: string, messageVi: string) => problems.push(cellProblemOf(column, row, message, messageVi));

  for (let row = FIRST_VALUE_ROW; row <= rows; row += 1) {
    const code = read(`${COLUMNS.code}${row}`);
    if (code === undefined) continue;
    const indicator = byCode.get(String(code));
    if (!indicator) {
      cellProblem(COLUMNS.code, row, `${String(code)} is not an indicator of this form`, `${String(code)} không phải chỉ tiêu của biểu mẫu này`);
      continue;
    }
    if (seen.has(indicator.code)) {
      cellProblem(COLUMNS.code, row, `${indicator.code} appears twice`, `${indicator.code} bị lặp`);
      continue;
    }
    seen.add(indicator.code);
    rowOf.set(indicator.code, row);
    const number = (column: string, percentAllowed: boolean): number | undefined => {
      const raw = read(`${column}${row}`);
      if (raw === undefined) {
        cellProblem(column, row, `${indicator.code}: the cell is empty`, `${indicator.code}: ô còn trống`);
        return undefined;
      }
      if (typeof raw === 'number') return raw;
      try {
        const parsed = parseViNumber(String(raw));
        if (parsed.isPercent && !percentAllowed) {
          cellProblem(column, row, `${indicator.code}: give a count, not a percentage`, `${indicator.code}: nhập số lượng, không nhập tỷ lệ phần trăm`);
          return undefined;
        }
        return parsed.value;
      } catch (error) {
        if (!(error instanceof ViNumberError)) throw error;
        cellProblem(column, row, `${indicator.code}: ${error.reason}`, `${indicator.code}: ${error.reasonVi}`);
        return undefined;
      }
    };
    const comment = read(`${COLUMNS.comment}${row}`);
    const base = { indicatorCode: indicator.code, ...(comment === undefined ? {} : { comment: String(comment) }) };
    if (indicator.kind === 'ratio') {
      const numerator = number(COLUMNS.numerator, false);
      const denominator = number(COLUMNS.denominator, false);
      if (numerator !== undefined && denominator !== undefined) values.push({ ...base, numerator, denominator });
    } else if (indicator.kind === 'milestone') {
      const raw = read(`${COLUMNS.done}${row}`);
      const done = { có: true, co: true, yes: true, x: true, true: true, '1': true, không: false, khong: false, no: false, false: false, '0': false }[String(raw ?? '').toLowerCase()];
      if (done === undefined) cellProblem(COLUMNS.done, row, `${indicator.code}: write Có or Không`, `${indicator.code}: ghi Có hoặc Không`);
      else values.push({ ...base, done });
    } else {
      const value = number(COLUMNS.value, indicator.kind === 'province-percentage');
      if (value !== undefined) values.push({ ...base, value });
    }
  }
  return { values, rowOf, problems };
}

export function cellProblemOf(column: string, row: number, message: string, messageVi: string): FieldProblem {
  return { field: `${SHEET_NAME}!${column}${row}`, row, column, message: `${column}${row}: ${message}`, messageVi: `${column}${row}: ${messageVi}` };
}
