import { CalendarOverride, LocalDate, provinceWorkingCalendar, WorkingCalendar } from '@dtp/domain';

/**
 * How long a province's calendar is used before it is read again. Deadlines and reminders are
 * computed for every report, and a province changes its calendar a few times a year: a change
 * applies at once in the process that took it, in the others within this long.
 */
export const WORKING_CALENDAR_TTL_MS = 2_000;

/** The days a deployment adds for every province (env `PUBLIC_HOLIDAYS`, `WORKING_WEEKEND_DAYS`). */
export interface DeploymentDays {
  holidays: LocalDate[];
  workingWeekendDays: LocalDate[];
}

export const DEPLOYMENT_DAYS = Symbol('DEPLOYMENT_DAYS');

/**
 * The working calendar of each province, the one every service computes deadlines, lateness and
 * reminder dates with: Vietnam's shipped days off (libs/domain), the deployment's extra days, and the
 * province's own overrides (owned by reports, carried by `reports.working-calendar.v1`).
 */
export abstract class WorkingCalendars {
  abstract of(provinceCode: string): Promise<WorkingCalendar>;
}

/** Builds calendars from a province's stored overrides, read at most once per TTL per province. */
export class CachedWorkingCalendars extends WorkingCalendars {
  private readonly cached = new Map<string, { at: number; calendar: Promise<WorkingCalendar> }>();
  private readonly shipped: WorkingCalendar;

  constructor(
    private readonly overridesOf: (provinceCode: string) => Promise<readonly CalendarOverride[] | null>,
    private readonly extra: DeploymentDays,
  ) {
    super();
    this.shipped = provinceWorkingCalendar([], extra);
  }

  of(provinceCode: string): Promise<WorkingCalendar> {
    let entry = this.cached.get(provinceCode);
    if (!entry || Date.now() - entry.at >= WORKING_CALENDAR_TTL_MS) {
      const calendar = this.overridesOf(provinceCode).then((overrides) => (overrides && overrides.length > 0 ? provinceWorkingCalendar(overrides, this.extra) : this.shipped));
      entry = { at: Date.now(), calendar };
      this.cached.set(provinceCode, entry);
      // A failed read is not kept.
      calendar.catch(() => this.cached.delete(provinceCode));
      if (this.cached.size > 1_000) this.cached.delete(this.cached.keys().next().value as string);
    }
    return entry.calendar;
  }

  /** After a change in this process: the next read sees it. */
  forget(provinceCode: string): void {
    this.cached.delete(provinceCode);
  }
}
