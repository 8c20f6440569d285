import { IndicatorValue, validateIndicatorValue } from '@dtp/domain';
import { FieldProblem, fieldsRefusal } from '@dtp/platform';
import { FormIndicator } from '../forms/schemas/report-form.schema';
import { ReportedValue } from './schemas/submission.schema';

/**
 * Checks a report's values against its form: known indicators only, each once, each of the shape
 * and within the rules of its kind; a submission (not a draft) carries every indicator.
 */
export function checkValues(values: ReportedValue[], indicators: FormIndicator[], complete: boolean): void {
  const problems: FieldProblem[] = [];
  const byCode = new Map(indicators.map((i) => [i.code, i]));
  const seen = new Set<string>();
  values.forEach((v, n) => {
    const at = `values[${n}]`;
    const def = byCode.get(v.indicatorCode);
    if (!def) {
      problems.push({ field: `${at}.indicatorCode`, message: `${at}.indicatorCode: ${v.indicatorCode} is not on this form`, messageVi: `${at}.indicatorCode: chỉ tiêu ${v.indicatorCode} không có trong biểu mẫu` });
      return;
    }
    if (seen.has(v.indicatorCode)) {
      problems.push({ field: `${at}.indicatorCode`, message: `${at}.indicatorCode: ${v.indicatorCode} appears twice`, messageVi: `${at}.indicatorCode: chỉ tiêu ${v.indicatorCode} bị nhập hai lần` });
    }
    seen.add(v.indicatorCode);
    const shaped = shapeOf(v);
    if (!shaped) {
      problems.push({ field: at, message: `${at}: give exactly one of value, numerator with denominator, or done`, messageVi: `${at}: chỉ nhập một trong: giá trị, tử số và mẫu số, hoặc đã hoàn thành` });
      return;
    }
    // The unit's level is the catalog's business (indicators service); the form already names who reports.
    for (const p of validateIndicatorValue({ ...def, reportedBy: [] }, shaped)) {
      problems.push({ field: `${at}.${p.field}`, message: `${at}.${p.field}: ${p.message}`, messageVi: `${at}.${p.field}: ${p.messageVi}` });
    }
  });
  if (complete) {
    for (const def of indicators) {
      if (!seen.has(def.code)) problems.push({ field: 'values', message: `values: ${def.code} is missing`, messageVi: `values: thiếu chỉ tiêu ${def.code}` });
    }
  }
  if (problems.length > 0) throw fieldsRefusal(422, 'invalid-values', problems);
}

function shapeOf(v: ReportedValue): IndicatorValue | undefined {
  const hasValue = v.value !== undefined;
  const hasRatio = v.numerator !== undefined || v.denominator !== undefined;
  const hasDone = v.done !== undefined;
  if (Number(hasValue) + Number(hasRatio) + Number(hasDone) !== 1) return undefined;
  if (hasValue) return { value: v.value as number };
  if (hasDone) return { done: v.done as boolean };
  return { numerator: v.numerator ?? Number.NaN, denominator: v.denominator ?? Number.NaN };
}

/** Values without the fields a client sent as null or left out: absent means absent, whichever way. */
export function plainValues(values: ReportedValue[]): ReportedValue[] {
  return values.map((v) => Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== null)) as unknown as ReportedValue);
}
