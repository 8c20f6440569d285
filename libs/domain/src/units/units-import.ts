import { addDays, isLocalDate } from '../calendar/local-date';
import { normaliseName, OrgUnit, UNIT_LEVELS, UnitLevel } from './org-unit';

/** One problem in an imported file, with where it is, in English and Vietnamese. */
export interface ImportProblem {
  row: number;
  column: string;
  message: string;
  messageVi: string;
}

export class UnitsImportError extends Error {
  constructor(readonly problems: ImportProblem[]) {
    super(`units file refused: ${problems.map((p) => `row ${p.row}, ${p.column}: ${p.message}`).join('; ')}`);
    this.name = 'UnitsImportError';
  }
}

/**
 * The columns of a units CSV (UTF-8, header row first). One row per unit; a unit that moved to
 * another parent has one more row with the same id and only the parent columns filled.
 * `successors` lists `id` or `id:share`, separated by `;`; each starts the day after `validTo`.
 */
export const UNITS_CSV_COLUMNS = ['id', 'officialCode', 'name', 'level', 'validFrom', 'validTo', 'parentId', 'parentFrom', 'parentTo', 'successors'] as const;

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const input = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < input.length; i += 1) {
    const c = input[i];
    if (quoted) {
      if (c === '"' && input[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && input[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

export function unitsFromCsv(text: string): OrgUnit[] {
  const [header, ...rows] = parseCsv(text);
  const problems: ImportProblem[] = [];
  const missing = UNITS_CSV_COLUMNS.filter((c) => !header?.includes(c));
  if (!header || missing.length > 0) {
    throw new UnitsImportError([{ row: 1, column: missing.join(', '), message: `missing columns: ${missing.join(', ')}`, messageVi: `thiếu cột: ${missing.join(', ')}` }]);
  }
  const col = (r: string[], name: (typeof UNITS_CSV_COLUMNS)[number]) => (r[header.indexOf(name)] ?? '').trim();
  const units = new Map<string, OrgUnit>();
  rows.forEach((r, i) => {
    const rowNumber = i + 2;
    const problem = (column: string, message: string, messageVi: string) => problems.push({ row: rowNumber, column, message, messageVi });
    const id = col(r, 'id');
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) return problem('id', `"${id}" is not a code of letters, digits, _ and -`, `"${id}" không phải mã hợp lệ`);
    const date = (name: 'validFrom' | 'validTo' | 'parentFrom' | 'parentTo') => {
      const value = col(r, name);
      if (value === '') return undefined;
      if (!isLocalDate(value)) problem(name, `"${value}" is not a date (YYYY-MM-DD)`, `"${value}" không phải ngày (YYYY-MM-DD)`);
      return value;
    };
    const parentId = col(r, 'parentId');
    const parent = parentId ? { parentId, from: date('parentFrom'), to: date('parentTo') } : undefined;
    const existing = units.get(id);
    if (existing) {
      if (!parent) problem('parentId', `${id} is repeated without a parent link`, `${id} lặp lại mà không có đơn vị cấp trên`);
      else existing.parents.push(parent);
      return;
    }
    const validFrom = date('validFrom');
    const validTo = date('validTo');
    const name = normaliseName(col(r, 'name'));
    if (!name) problem('name', 'name is empty', 'tên đơn vị trống');
    const level = col(r, 'level') as UnitLevel;
    if (!UNIT_LEVELS.includes(level)) problem('level', `"${level}" is not one of ${UNIT_LEVELS.join(', ')}`, `"${level}" không phải cấp hợp lệ`);
    const successors = col(r, 'successors')
      .split(';')
      .map((s) => s.trim())
      .filter(Boolean)
      .map((s) => {
        const [unitId, share] = s.split(':');
        const parsedShare = share === undefined ? 1 : Number(share.replace(',', '.'));
        if (!Number.isFinite(parsedShare)) problem('successors', `share "${share}" is not a number`, `tỷ lệ "${share}" không phải số`);
        if (!validTo) problem('successors', 'successors need validTo', 'đơn vị kế thừa cần ngày hết hiệu lực');
        return { unitId: unitId ?? '', on: validTo && isLocalDate(validTo) ? addDays(validTo, 1) : '', share: parsedShare };
      });
    units.set(id, {
      id,
      officialCode: col(r, 'officialCode') || undefined,
      name,
      level,
      validFrom,
      validTo,
      parents: parent ? [parent] : [],
      successors,
    });
  });
  if (problems.length > 0) throw new UnitsImportError(problems);
  return [...units.values()];
}
