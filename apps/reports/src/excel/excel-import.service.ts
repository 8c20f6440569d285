import { Injectable } from '@nestjs/common';
import { isPeriodId, validateIndicatorValue } from '@dtp/domain';
import { FieldProblem, fieldsRefusal, ProblemException } from '@dtp/platform';
import { FormsService } from '../forms/forms.service';
import { Submission } from '../submissions/schemas/submission.schema';
import { ActionRequest, SubmissionsService } from '../submissions/submissions.service';
import { CELLS, COLUMNS } from './excel-layout';
import { cellProblemOf, loadSheet, readHeader, readValues } from './excel-report.parser';

const PART_COLUMN: Record<string, string> = { numerator: COLUMNS.numerator, denominator: COLUMNS.denominator, done: COLUMNS.done };

/**
 * An uploaded .xlsx in the form's own layout, checked cell by cell: a file with any wrong cell is
 * refused whole, each cell named in Vietnamese and English; a good one goes through the same
 * life cycle as the JSON API.
 */
@Injectable()
export class ExcelImportService {
  constructor(
    private readonly forms: FormsService,
    private readonly submissions: SubmissionsService,
  ) {}

  async import(file: Buffer, unit: { provinceCode: string; unitCode: string }, request: Omit<ActionRequest, 'values'>): Promise<Submission> {
    const sheet = Buffer.isBuffer(file) && file.length > 0 ? await loadSheet(file) : undefined;
    if (!sheet) throw refused(400, [{ field: 'file', message: 'the body is not an .xlsx workbook', messageVi: 'tệp gửi lên không phải bảng tính .xlsx' }]);
    const header = readHeader(sheet.read);
    const problems: FieldProblem[] = [];
    const [formCol, formRow] = split(CELLS.formCode);
    const [periodCol, periodRow] = split(CELLS.period);
    const [unitCol, unitRow] = split(CELLS.unitCode);
    if (!header.formCode) problems.push(cellProblemOf(formCol, formRow, 'the form code is empty', 'mã biểu mẫu còn trống'));
    if (!header.period || !isPeriodId(header.period)) problems.push(cellProblemOf(periodCol, periodRow, `"${header.period ?? ''}" is not a period such as 2024Q1`, `"${header.period ?? ''}" không phải kỳ báo cáo (ví dụ 2024Q1)`));
    if (header.unitCode && header.unitCode !== unit.unitCode) problems.push(cellProblemOf(unitCol, unitRow, `the file is for unit ${header.unitCode}, not ${unit.unitCode}`, `tệp thuộc đơn vị ${header.unitCode}, không phải ${unit.unitCode}`));
    if (problems.length > 0 || !header.formCode || !header.period) throw refused(422, problems);

    const form = await this.forms.get(unit.provinceCode, header.formCode);
    const { values, rowOf, problems: cellProblems } = readValues(sheet.read, sheet.rows, form.indicators);
    problems.push(...cellProblems);
    for (const v of values) {
      const def = form.indicators.find((i) => i.code === v.indicatorCode);
      const row = rowOf.get(v.indicatorCode);
      // readValues only returns values of the form's indicators, each with its row.
      if (!def || row === undefined) continue;
      const shaped = v.numerator !== undefined ? { numerator: v.numerator, denominator: v.denominator ?? Number.NaN } : v.done !== undefined ? { done: v.done } : { value: v.value ?? Number.NaN };
      for (const p of validateIndicatorValue({ ...def, reportedBy: [] }, shaped)) {
        problems.push(cellProblemOf(PART_COLUMN[p.field] ?? COLUMNS.value, row, `${def.code}: ${p.message}`, `${def.code}: ${p.messageVi}`));
      }
    }
    if (request.action !== 'save-draft') {
      for (const def of form.indicators.filter((i) => !rowOf.has(i.code))) {
        problems.push({ field: 'file', message: `${def.code} has no row in the sheet`, messageVi: `chỉ tiêu ${def.code} không có dòng nào trong bảng` });
      }
    }
    if (problems.length > 0) throw refused(422, problems);
    return this.submissions.act({ ...unit, formCode: header.formCode, period: header.period }, { ...request, values });
  }
}

function split(address: string): [string, number] {
  const [, column = '', row = '0'] = /^([A-Z]+)(\d+)$/.exec(address) ?? [];
  return [column, Number(row)];
}

function refused(status: number, errors: FieldProblem[]): ProblemException {
  return fieldsRefusal(status, 'invalid-workbook', errors, `${errors.length} problem(s) in the file, nothing was stored: `, `Tệp có ${errors.length} lỗi, chưa lưu dữ liệu nào: `);
}
