/** What time it is, for job records and retention: tests set it to see files expire. */
export interface ExportClock {
  now(): Date;
}

export const EXPORT_CLOCK = Symbol('EXPORT_CLOCK');

export const systemClock: ExportClock = { now: () => new Date() };
