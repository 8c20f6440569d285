import { LocalDate } from '../calendar/local-date';
import { OrgUnitHierarchy } from '../units/org-unit-hierarchy';
import { aggregateIndicator, IndicatorAggregate, UnitValue } from './aggregate-indicator';
import { IndicatorDefinition } from './indicator';

/**
 * The units whose reports make up an ancestor's value on a date: its descendants that exist then
 * and report the indicator, keeping only the finest of them, so a district's own figure is not
 * added to its communes' (sum of parts, never parts plus their total).
 */
export function reportingUnitsUnder(hierarchy: OrgUnitHierarchy, def: Pick<IndicatorDefinition, 'reportedBy'>, ancestorId: string, on: LocalDate): string[] {
  const candidates = hierarchy.descendantsOn(ancestorId, on).filter((u) => def.reportedBy.includes(u.level));
  const ids = new Set(candidates.map((u) => u.id));
  return candidates.filter((u) => !hierarchy.descendantsOn(u.id, on).some((d) => ids.has(d.id))).map((u) => u.id);
}

/** An indicator's value for any ancestor (the province, a district) as the hierarchy stood on a date. */
export function aggregateInHierarchy(hierarchy: OrgUnitHierarchy, def: IndicatorDefinition, ancestorId: string, on: LocalDate, values: UnitValue[]): IndicatorAggregate {
  return aggregateIndicator(def, values, reportingUnitsUnder(hierarchy, def, ancestorId, on));
}
