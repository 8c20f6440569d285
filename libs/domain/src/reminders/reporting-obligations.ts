import { DateRange, LocalDate, rangeContains } from '../calendar/local-date';
import { CutOffRule } from '../calendar/cut-off-rule';
import { cutOffDate, ReportingCalendar } from '../calendar/reporting-calendar';
import { deadlineOf, DeadlineRule } from '../calendar/deadline-rule';
import { WorkingCalendar } from '../calendar/working-days';
import { FixedPeriodType, formatPeriodId, PERIODS_PER_YEAR } from '../periods/period-id';
import { UnitLevel } from '../units/org-unit';
import { OrgUnitHierarchy } from '../units/org-unit-hierarchy';

export interface ScheduledForm {
  code: string;
  periodType: FixedPeriodType;
  calendar: ReportingCalendar;
  /** The form's own cut-off, when its legal basis sets one. */
  cutOff?: CutOffRule;
  levels: UnitLevel[];
  deadline: DeadlineRule;
}

/** One unit's duty to send one form's report for one period, with its dates. */
export interface DatedObligation {
  unitId: string;
  formCode: string;
  period: string;
  cutOff: LocalDate;
  deadline: LocalDate;
}

/** The periods of a form whose deadline falls in the window, earliest first. */
export function periodsDueBetween(form: ScheduledForm, window: DateRange, working: WorkingCalendar): Array<{ period: string; cutOff: LocalDate; deadline: LocalDate }> {
  const firstYear = Number(window.start.slice(0, 4)) - 1;
  const lastYear = Number(window.end.slice(0, 4)) + 1;
  const out: Array<{ period: string; cutOff: LocalDate; deadline: LocalDate }> = [];
  for (let year = firstYear; year <= lastYear; year += 1) {
    for (let index = 1; index <= PERIODS_PER_YEAR[form.periodType]; index += 1) {
      const period = { type: form.periodType, year, index };
      const deadline = deadlineOf(form.deadline, period, form, working);
      if (rangeContains(window, deadline)) out.push({ period: formatPeriodId(period), cutOff: cutOffDate(period, form), deadline });
    }
  }
  return out.sort((a, b) => (a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : 0));
}

/**
 * The reporting calendar of a form over a window of deadlines: every unit of the form's levels
 * that exists on the period's cut-off date owes that period's report (as reporting rates count).
 */
export function obligationsDueBetween(hierarchy: OrgUnitHierarchy, form: ScheduledForm, window: DateRange, working: WorkingCalendar): DatedObligation[] {
  return periodsDueBetween(form, window, working).flatMap(({ period, cutOff, deadline }) =>
    hierarchy.validOn(cutOff, form.levels).map((u) => ({ unitId: u.id, formCode: form.code, period, cutOff, deadline })),
  );
}
