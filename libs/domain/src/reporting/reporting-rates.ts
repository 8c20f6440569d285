import { CutOffRule } from '../calendar/cut-off-rule';
import { cutOffDate, ReportingCalendar } from '../calendar/reporting-calendar';
import { formatPeriodId, Period } from '../periods/period-id';
import { UnitLevel } from '../units/org-unit';
import { OrgUnitHierarchy } from '../units/org-unit-hierarchy';

export interface ReportForm {
  code: string;
  levels: UnitLevel[];
  calendar: ReportingCalendar;
  /** The form's own cut-off, when its legal basis sets one: units are counted as they stood on it. */
  cutOff?: CutOffRule;
}

export interface Obligation {
  unitId: string;
  formCode: string;
  period: string;
}

export interface Receipt extends Obligation {
  onTime: boolean;
}

export interface Rates {
  expected: number;
  received: number;
  onTime: number;
  /** received / expected, 0–1. */
  completeness: number;
  /** received on time / expected, as DHIS2 reports "on time". */
  timeliness: number;
}

/**
 * Who must report what: each unit of the form's levels that exists on the period's cut-off date
 * (a district abolished on 30/6/2025 owes no 2025 annual report; a commune created in 2025 does).
 */
export function expectedReports(hierarchy: OrgUnitHierarchy, form: ReportForm, periods: Period[]): Obligation[] {
  return periods.flatMap((period) => {
    const id = formatPeriodId(period);
    return hierarchy.validOn(cutOffDate(period, form), form.levels).map((u) => ({ unitId: u.id, formCode: form.code, period: id }));
  });
}

const keyOf = (o: Obligation) => `${o.unitId}|${o.formCode}|${o.period}`;

/**
 * Completeness and timeliness by any grouping (a unit, a level, the province): `groupsOf` names
 * the groups an obligation counts in. A receipt counts only against an obligation, once, so a
 * rate never passes 100 % (DHIS2's rates can when units change).
 */
export function reportingRates(obligations: Obligation[], receipts: Receipt[], groupsOf: (o: Obligation) => string[]): Map<string, Rates> {
  const received = new Map<string, Receipt>();
  for (const r of receipts) {
    const previous = received.get(keyOf(r));
    if (!previous || (r.onTime && !previous.onTime)) received.set(keyOf(r), r);
  }
  const tallies = new Map<string, { expected: number; received: number; onTime: number }>();
  for (const o of new Map(obligations.map((x) => [keyOf(x), x])).values()) {
    const receipt = received.get(keyOf(o));
    for (const group of groupsOf(o)) {
      const t = tallies.get(group) ?? { expected: 0, received: 0, onTime: 0 };
      t.expected += 1;
      if (receipt) t.received += 1;
      if (receipt?.onTime) t.onTime += 1;
      tallies.set(group, t);
    }
  }
  return new Map(
    [...tallies].map(([group, t]) => [
      group,
      // A group exists only through an obligation, so `expected` is at least 1.
      { ...t, completeness: t.received / t.expected, timeliness: t.onTime / t.expected },
    ]),
  );
}
