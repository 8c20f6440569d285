import { addDays, formatViDate, LocalDate } from '../calendar/local-date';
import { OrgUnit, parentLinkOn, UnitLevel, unitLevelLabel } from './org-unit';

/** One reason a set of units is not a tree of the administrative map, naming the unit and its field, in both languages. */
export interface UnitProblem {
  unitId: string;
  field: 'id' | 'name' | 'level' | 'validTo' | 'parents' | 'successors';
  message: string;
  messageVi: string;
}

/**
 * The levels a unit may sit under. A commune sits under its district, or directly under the
 * province once the district level is gone (1/7/2025) or where a province never had one for it;
 * a province sits under nothing.
 */
export const PARENT_LEVELS: Readonly<Record<UnitLevel, readonly UnitLevel[]>> = {
  province: [],
  department: ['province'],
  district: ['province'],
  commune: ['district', 'province'],
};

type Lookup = (id: string) => OrgUnit | undefined;

/** A stretch of days, inclusive; an open end is undefined (the beginning or the end of time). */
interface Span {
  from?: LocalDate;
  to?: LocalDate;
}

const later = (a?: LocalDate, b?: LocalDate) => (a === undefined ? b : b === undefined ? a : a > b ? a : b);
const earlier = (a?: LocalDate, b?: LocalDate) => (a === undefined ? b : b === undefined ? a : a < b ? a : b);
const intersect = (a: Span, b: Span): Span | undefined => {
  const from = later(a.from, b.from);
  const to = earlier(a.to, b.to);
  return from !== undefined && to !== undefined && to < from ? undefined : { from, to };
};

/**
 * The tree rules of the administrative map, for the units named by `ids` within all of `units`
 * (a unit's parent may be one already stored): a province has no parent; every other unit has,
 * on every day of its validity, a parent of a level allowed above it (PARENT_LEVELS) that exists
 * that day. Levels strictly rise along every link, so these rules also rule out cycles. A parent
 * that does not exist at all is left to OrgUnitHierarchy, which names it; its link counts as
 * covering here so the refusal says it once.
 */
export function treeProblems(units: readonly OrgUnit[], ids: Iterable<string> = units.map((u) => u.id)): UnitProblem[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const problems: UnitProblem[] = [];
  for (const id of new Set(ids)) {
    const unit = byId.get(id);
    if (unit) problems.push(...problemsOf(unit, (p) => byId.get(p)));
  }
  return problems;
}

function problemsOf(unit: OrgUnit, lookup: Lookup): UnitProblem[] {
  const problem = (field: UnitProblem['field'], message: string, messageVi: string): UnitProblem => ({ unitId: unit.id, field, message: `${unit.id}: ${message}`, messageVi: `${unit.id}: ${messageVi}` });
  const allowed = PARENT_LEVELS[unit.level];
  if (!allowed) return [];
  if (allowed.length === 0) {
    if (unit.parents.length === 0) return [];
    const named = unit.parents.map((p) => p.parentId).join(', ');
    return [problem('parents', `a ${unitLevelLabel(unit.level, 'en')} has no parent unit, yet ${named} is given`, `đơn vị cấp ${unitLevelLabel(unit.level, 'vi')} không có đơn vị cấp trên, nhưng đã khai báo ${named}`)];
  }
  const out: UnitProblem[] = [];
  const validity: Span = { from: unit.validFrom, to: unit.validTo };
  if (validity.from !== undefined && validity.to !== undefined && validity.to < validity.from) return out;
  const covered: Span[] = [];
  for (const link of unit.parents) {
    const span = intersect({ from: link.from, to: link.to }, validity);
    if (!span) continue;
    const parent = lookup(link.parentId);
    if (!parent) {
      covered.push(span);
      continue;
    }
    if (!allowed.includes(parent.level)) {
      const en = allowed.map((l) => `a ${unitLevelLabel(l, 'en')}`).join(' or ');
      const vi = allowed.map((l) => `cấp ${unitLevelLabel(l, 'vi')}`).join(' hoặc ');
      out.push(
        problem(
          'parents',
          `a ${unitLevelLabel(unit.level, 'en')} cannot sit under ${parent.id}, a ${unitLevelLabel(parent.level, 'en')}: its parent must be ${en}`,
          `đơn vị cấp ${unitLevelLabel(unit.level, 'vi')} không thể trực thuộc ${parent.id} (cấp ${unitLevelLabel(parent.level, 'vi')}): đơn vị cấp trên phải là ${vi}`,
        ),
      );
    }
    const alive = intersect(span, { from: parent.validFrom, to: parent.validTo });
    if (alive) covered.push(alive);
  }
  for (const gap of gaps(validity, covered)) out.push(problem('parents', `has no parent ${spanEn(gap)}`, `không có đơn vị cấp trên ${spanVi(gap)}`));
  return out;
}

/** The days of `whole` that no span covers; the spans lie within it. */
function gaps(whole: Span, spans: Span[]): Span[] {
  // Open ends as the first and last representable days, so the sweep compares strings only.
  const [first, last] = ['0000-01-01', '9999-12-31'];
  const open = (s: Span): Span => ({ ...(s.from !== undefined && s.from !== first ? { from: s.from } : {}), ...(s.to !== undefined && s.to !== last ? { to: s.to } : {}) });
  const end = whole.to ?? last;
  const out: Span[] = [];
  let next: LocalDate | undefined = whole.from ?? first;
  for (const s of [...spans].sort((a, b) => ((a.from ?? first) < (b.from ?? first) ? -1 : 1))) {
    if (next === undefined || next > end) break;
    const from = s.from ?? first;
    if (from > next) out.push(open({ from: next, to: addDays(from, -1) }));
    const to = s.to ?? last;
    if (to === last) next = undefined;
    else if (to >= next) next = addDays(to, 1);
  }
  if (next !== undefined && next <= end) out.push(open({ from: next, to: end }));
  return out;
}

function spanEn(span: Span): string {
  if (span.from === undefined && span.to === undefined) return 'at any time';
  if (span.from === undefined) return `up to ${span.to}`;
  if (span.to === undefined) return `from ${span.from} on`;
  return span.from === span.to ? `on ${span.from}` : `from ${span.from} to ${span.to}`;
}

function spanVi(span: Span): string {
  if (span.from === undefined && span.to === undefined) return 'trong toàn bộ thời gian tồn tại';
  if (span.from === undefined) return `cho đến ngày ${formatViDate(span.to as LocalDate)}`;
  if (span.to === undefined) return `từ ngày ${formatViDate(span.from)} trở đi`;
  return span.from === span.to ? `vào ngày ${formatViDate(span.from)}` : `từ ngày ${formatViDate(span.from)} đến ngày ${formatViDate(span.to)}`;
}

/**
 * The province a unit lies in on a date: itself for a province, else the province its parents
 * lead to that day; undefined when the chain ends elsewhere (no parent, an unknown one, a loop).
 */
export function provinceOfOn(lookup: Lookup, id: string, on: LocalDate): string | undefined {
  const seen = new Set<string>();
  for (let unit = lookup(id); unit && !seen.has(unit.id); unit = lookup(parentLinkOn(unit, on)?.parentId ?? '')) {
    if (unit.level === 'province') return unit.id;
    seen.add(unit.id);
  }
  return undefined;
}

/**
 * The provinces a unit lies in over its life: for a province itself, for any other unit the
 * province each parent link leads to on its first and last day (the whole link when it is open).
 * Empty for a unit without parents.
 */
export function provincesOf(lookup: Lookup, unit: OrgUnit): Set<string> {
  if (unit.level === 'province') return new Set([unit.id]);
  const found = new Set<string>();
  for (const link of unit.parents) {
    const span = intersect({ from: link.from, to: link.to }, { from: unit.validFrom, to: unit.validTo }) ?? { from: link.from, to: link.to };
    const parent = lookup(link.parentId);
    const days = [span.from ?? parent?.validFrom, span.to ?? parent?.validTo].filter((d): d is LocalDate => d !== undefined);
    for (const day of days.length > 0 ? days : ['2000-01-01']) {
      const province = provinceOfOn(lookup, link.parentId, day);
      found.add(province ?? '');
    }
  }
  return found;
}

/**
 * Which of the changed units a province's administrator may not write: every unit, as imported
 * and as it stood before (a unit is not taken from another province by moving it), must lie in
 * that province only. A province's own record counts as in it; another province, or a unit the
 * parents of which lead nowhere, does not.
 */
export function unitsOutsideProvince(provinceCode: string, changed: readonly OrgUnit[], after: Lookup, before: Lookup): UnitProblem[] {
  const out: UnitProblem[] = [];
  for (const unit of changed) {
    const versions = [unit, before(unit.id)].filter((u): u is OrgUnit => u !== undefined);
    const lookups = [after, before];
    const outside = versions.some((v, i) => {
      const provinces = provincesOf(lookups[i] as Lookup, v);
      return provinces.size === 0 || [...provinces].some((p) => p !== provinceCode);
    });
    if (outside) {
      out.push({
        unitId: unit.id,
        field: 'parents',
        message: `${unit.id}: not a unit of province ${provinceCode}; its administrators change only units under it`,
        messageVi: `${unit.id}: không phải đơn vị thuộc tỉnh ${provinceCode}; quản trị viên của tỉnh chỉ được thay đổi các đơn vị trực thuộc tỉnh`,
      });
    }
  }
  return out;
}
