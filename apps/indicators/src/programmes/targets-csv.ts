import { isLocalDate, parseCsv, parseViNumber, Target, TARGET_SCOPES, TargetScope } from '@dtp/domain';
import { FieldProblem } from '@dtp/platform';

export const TARGET_CSV_COLUMNS = ['indicatorCode', 'year', 'value', 'comparison', 'pillar', 'baselineDate', 'baselineValue'] as const;
/**
 * Columns a sheet may add: `scope` (empty: the province, so sheets made before scopes keep their
 * meaning) and `unitCodes` (with scope `units`: codes separated by `;` or spaces).
 */
export const TARGET_CSV_OPTIONAL_COLUMNS = ['scope', 'unitCodes'] as const;

/** A number as a machine writes it (`0.8`) or as a Vietnamese sheet does (`0,8`, `630.485`). */
function number(text: string): number | undefined {
  const plain = Number(text);
  if (text !== '' && Number.isFinite(plain)) return plain;
  try {
    return parseViNumber(text).value;
  } catch {
    return undefined;
  }
}

/** Targets from a CSV (UTF-8, header row), every bad cell named by row and column. */
export function targetsFromCsv(text: string, pillars: ReadonlySet<string>): { targets: Target[]; problems: FieldProblem[] } {
  const [header, ...rows] = parseCsv(text);
  const problems: FieldProblem[] = [];
  const missing = TARGET_CSV_COLUMNS.filter((c) => !header?.includes(c));
  if (!header || missing.length > 0) {
    return { targets: [], problems: [{ field: 'header', row: 1, message: `missing columns: ${missing.join(', ')}`, messageVi: `thiếu cột: ${missing.join(', ')}` }] };
  }
  const targets: Target[] = [];
  rows.forEach((r, i) => {
    const row = i + 2;
    const cell = (name: (typeof TARGET_CSV_COLUMNS)[number] | (typeof TARGET_CSV_OPTIONAL_COLUMNS)[number]) => (header.includes(name) ? (r[header.indexOf(name)] ?? '') : '').trim();
    const bad = (column: string, message: string, messageVi: string) => problems.push({ field: `row ${row}, ${column}`, row, column, message: `row ${row}, ${column}: ${message}`, messageVi: `dòng ${row}, ${column}: ${messageVi}` });
    const indicatorCode = cell('indicatorCode');
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(indicatorCode)) bad('indicatorCode', `"${indicatorCode}" is not an indicator code`, `"${indicatorCode}" không phải mã chỉ tiêu`);
    const year = Number(cell('year'));
    if (!Number.isInteger(year) || year < 2000 || year > 2100) bad('year', `"${cell('year')}" is not a year`, `"${cell('year')}" không phải năm`);
    const value = number(cell('value'));
    if (value === undefined) bad('value', `"${cell('value')}" is not a number`, `"${cell('value')}" không phải số`);
    const comparison = cell('comparison');
    if (!['at-least', 'at-most', 'done'].includes(comparison)) bad('comparison', `"${comparison}" is not at-least, at-most or done`, `"${comparison}" phải là at-least, at-most hoặc done`);
    const pillar = cell('pillar');
    if (!pillars.has(pillar)) bad('pillar', `"${pillar}" is not a pillar of this programme`, `"${pillar}" không phải trụ cột của chương trình`);
    const [baselineDate, baselineRaw] = [cell('baselineDate'), cell('baselineValue')];
    const baselineValue = baselineRaw === '' ? undefined : number(baselineRaw);
    if ((baselineDate === '') !== (baselineRaw === '')) bad('baselineDate', 'baseline date and value come together', 'ngày và giá trị gốc phải đi cùng nhau');
    else if (baselineDate !== '' && (!isLocalDate(baselineDate) || baselineValue === undefined)) bad('baselineDate', 'baseline needs a date (YYYY-MM-DD) and a number', 'giá trị gốc cần ngày (YYYY-MM-DD) và một số');
    const scope = cell('scope') === '' ? 'province' : cell('scope');
    if (!(TARGET_SCOPES as readonly string[]).includes(scope)) bad('scope', `"${scope}" is not one of ${TARGET_SCOPES.join(', ')}`, `"${scope}" phải là một trong ${TARGET_SCOPES.map((s) => `"${s}"`).join(', ')}`);
    const unitCodes = cell('unitCodes').split(/[;\s]+/).filter((code) => code !== '');
    if (value !== undefined) {
      targets.push({
        indicatorCode,
        year,
        value,
        comparison: comparison as Target['comparison'],
        pillar,
        ...(baselineDate !== '' && baselineValue !== undefined ? { baseline: { date: baselineDate, value: baselineValue } } : {}),
        scope: scope as TargetScope,
        ...(unitCodes.length > 0 ? { unitCodes } : {}),
      });
    }
  });
  return { targets, problems };
}
