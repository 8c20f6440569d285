import { FieldProblem, ProblemException, titleFor } from '@dtp/platform';
import { ReportedValue } from './schemas/submission.schema';

/**
 * Rules on the values of one report that the DTO cannot express field by field: each value has
 * exactly one shape, a ratio's numerator does not exceed its denominator, no indicator twice.
 */
export function checkValues(values: ReportedValue[]): void {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  values.forEach((v, i) => {
    const field = `values[${i}]`;
    const shapes = [v.value !== undefined, v.numerator !== undefined || v.denominator !== undefined, v.done !== undefined].filter(Boolean).length;
    if (shapes !== 1) {
      problems.push({
        field,
        message: `${field}: give exactly one of value, numerator with denominator, or done`,
        messageVi: `${field}: chỉ nhập một trong: giá trị, tử số và mẫu số, hoặc đã hoàn thành`,
      });
    } else if ((v.numerator === undefined) !== (v.denominator === undefined)) {
      problems.push({ field, message: `${field}: numerator and denominator come together`, messageVi: `${field}: phải nhập cả tử số và mẫu số` });
    } else if (v.numerator !== undefined && v.denominator !== undefined && v.numerator > v.denominator) {
      problems.push({
        field: `${field}.numerator`,
        message: `${field}.numerator: ${v.numerator} exceeds the denominator ${v.denominator}`,
        messageVi: `${field}.numerator: tử số ${v.numerator} lớn hơn mẫu số ${v.denominator}`,
      });
    }
    if (seen.has(v.indicatorCode)) {
      problems.push({
        field: `${field}.indicatorCode`,
        message: `${field}.indicatorCode: ${v.indicatorCode} appears twice`,
        messageVi: `${field}.indicatorCode: chỉ tiêu ${v.indicatorCode} bị nhập hai lần`,
      });
    }
    seen.add(v.indicatorCode);
  });
  if (problems.length > 0) {
    const title = titleFor(422);
    throw new ProblemException({
      type: 'https://dtp.gov.vn/problems/invalid-values',
      title: title.en,
      status: 422,
      detail: problems.map((p) => p.message).join('; '),
      vi: { title: title.vi, detail: problems.map((p) => p.messageVi).join('; ') },
      errors: problems,
    });
  }
}
