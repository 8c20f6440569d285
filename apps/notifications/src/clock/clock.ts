/**
 * What time it is. Everything that decides by the time of day (reminders due, office hours)
 * asks this, so tests set the time instead of waiting for it.
 */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('CLOCK');

export const systemClock: Clock = { now: () => new Date() };
