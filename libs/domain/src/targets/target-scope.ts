import { IndicatorKind } from '../indicators/indicator';
import { UnitLevel, unitLevelLabel } from '../units/org-unit';
import { Target } from './target';

/**
 * Whom a target is set for (issue #14: a province's 3,762 BTS stations scored a district 3/30):
 * - `province` (the default, and the meaning of every target saved before scopes existed): the
 *   province alone;
 * - `department`, `district`, `commune`: every unit of that level (Decision 749/QĐ-TTg: work files
 *   online 90 % for the province, 80 % for districts, 60 % for communes);
 * - `units`: the units named in `unitCodes` (a target for one district);
 * - `every-level`: the province and every unit below it, for a share (a ratio such as 80 % of
 *   households with fibre), which means the same for a commune as for the province. A count
 *   (stations, villages) grows with the unit's size, so it never reaches below the province this way.
 */
export type TargetScope = UnitLevel | 'units' | 'every-level';

export const TARGET_SCOPES: readonly TargetScope[] = ['province', 'department', 'district', 'commune', 'units', 'every-level'];

/** Where a unit's target came from, most specific first. */
export type TargetSource = 'unit' | 'level' | 'every-level';

export interface ResolvedTarget {
  target: Target;
  appliesTo: TargetSource;
}

/** The unit a scorecard is for; `level` undefined for a unit the hierarchy does not know. */
export interface ScoredUnit {
  code: string;
  level: UnitLevel | undefined;
}

/** A target's scope, `province` when it has none (targets saved before scopes). */
export function scopeOf(target: Pick<Target, 'scope'>): TargetScope {
  return target.scope ?? 'province';
}

/** Whether a target for every level may apply below the province: only a share means the same at every size of unit. */
export function sharesAtEveryLevel(kind: IndicatorKind | undefined): boolean {
  return kind === 'ratio';
}

/** What a target competes for a unit as: none, or how specific it is. */
function sourceFor(target: Target, unit: ScoredUnit, kindOf: (indicatorCode: string) => IndicatorKind | undefined): TargetSource | undefined {
  const scope = scopeOf(target);
  if (scope === 'units') return (target.unitCodes ?? []).includes(unit.code) ? 'unit' : undefined;
  if (scope === 'every-level') {
    if (unit.level === undefined) return undefined;
    return unit.level === 'province' || sharesAtEveryLevel(kindOf(target.indicatorCode)) ? 'every-level' : undefined;
  }
  return scope === unit.level ? 'level' : undefined;
}

const RANK: Record<TargetSource, number> = { unit: 0, level: 1, 'every-level': 2 };

/**
 * A unit's targets: for each indicator and year, the target naming the unit, else the one for the
 * unit's level, else one for every level (a share only, or the province itself), else none.
 * A province (default) target therefore never scores a district, a department or a commune, and a
 * count never reaches below the province unless a target names the unit or its level. A unit the
 * hierarchy does not know has no level: only targets naming it apply. The result keeps the
 * programme's order of targets.
 */
export function targetsForUnit(targets: readonly Target[], unit: ScoredUnit, kindOf: (indicatorCode: string) => IndicatorKind | undefined): ResolvedTarget[] {
  const best = new Map<string, ResolvedTarget & { index: number }>();
  targets.forEach((target, index) => {
    const appliesTo = sourceFor(target, unit, kindOf);
    if (!appliesTo) return;
    const key = `${target.indicatorCode}/${target.year}`;
    const held = best.get(key);
    if (!held || RANK[appliesTo] < RANK[held.appliesTo]) best.set(key, { index, target, appliesTo });
  });
  return [...best.values()].sort((a, b) => a.index - b.index).map(({ target, appliesTo }) => ({ target, appliesTo }));
}

/** The keys two targets of one indicator and year may not share: one target per unit, per level, and for every level. */
export function scopeKeysOf(target: Target): string[] {
  const scope = scopeOf(target);
  const on = `${target.indicatorCode}/${target.year}`;
  return scope === 'units' ? (target.unitCodes ?? []).map((code) => `${on}/unit:${code}`) : [`${on}/${scope}`];
}

export interface ScopeProblem {
  index: number;
  field: 'scope' | 'unitCodes';
  message: string;
  messageVi: string;
}

/**
 * What is wrong with the targets' scopes: `unitCodes` exactly with `units`, each a unit of the
 * programme's province, and `every-level` only on a ratio indicator of the catalog.
 */
export function scopeProblems(
  targets: readonly Target[],
  context: { kindOf: (indicatorCode: string) => IndicatorKind | undefined; isUnitOfProvince: (unitCode: string) => boolean },
): ScopeProblem[] {
  const problems: ScopeProblem[] = [];
  targets.forEach((t, index) => {
    const scope = scopeOf(t);
    const codes = t.unitCodes ?? [];
    if (!TARGET_SCOPES.includes(scope)) {
      problems.push({ index, field: 'scope', message: `"${scope}" is not one of ${TARGET_SCOPES.join(', ')}`, messageVi: `"${scope}" phải là một trong ${TARGET_SCOPES.map((s) => `"${s}"`).join(', ')}` });
      return;
    }
    if (scope === 'units' && codes.length === 0) {
      problems.push({ index, field: 'unitCodes', message: 'a target for named units names at least one unit', messageVi: 'chỉ tiêu giao cho đơn vị cụ thể phải nêu ít nhất một đơn vị' });
    }
    if (scope !== 'units' && codes.length > 0) {
      problems.push({ index, field: 'unitCodes', message: `units are named only with the scope units, not ${scope}`, messageVi: 'chỉ nêu đơn vị khi chỉ tiêu giao cho đơn vị cụ thể' });
    }
    const strangers = scope === 'units' ? codes.filter((code) => !context.isUnitOfProvince(code)) : [];
    if (strangers.length > 0) {
      problems.push({ index, field: 'unitCodes', message: `not units of this province: ${strangers.join(', ')}`, messageVi: `không phải đơn vị của tỉnh: ${strangers.join(', ')}` });
    }
    if (scope === 'every-level' && !sharesAtEveryLevel(context.kindOf(t.indicatorCode))) {
      const kind = context.kindOf(t.indicatorCode);
      problems.push({
        index,
        field: 'scope',
        message: kind
          ? `${t.indicatorCode} is a ${kind} indicator: only a ratio applies at every level; give each level or unit its own target`
          : `${t.indicatorCode} is not in the indicator catalog: only a ratio indicator of the catalog applies at every level`,
        messageVi: kind
          ? `${t.indicatorCode} không phải chỉ tiêu tỷ lệ: chỉ có chỉ tiêu tỷ lệ mới áp dụng cho mọi cấp; hãy giao chỉ tiêu riêng cho từng cấp hoặc từng đơn vị`
          : `${t.indicatorCode} chưa có trong danh mục chỉ tiêu: chỉ có chỉ tiêu tỷ lệ trong danh mục mới áp dụng cho mọi cấp`,
      });
    }
  });
  return problems;
}

/** The explicit empty state of a unit the programme sets no targets for in a year (never "0/30"). */
export function noTargetsNote(programmeCode: string, year: number, level: UnitLevel | undefined): { en: string; vi: string } {
  const en = level ? `this unit (${unitLevelLabel(level, 'en')} level)` : 'this unit';
  const vi = level ? `đơn vị này (cấp ${unitLevelLabel(level, 'vi')})` : 'đơn vị này';
  return {
    en: `Programme ${programmeCode} sets no targets for ${en} in ${year}`,
    vi: `Chương trình ${programmeCode} không giao chỉ tiêu cho ${vi} năm ${year}`,
  };
}
