/** The province's working days (holidays, working weekend days) and office hours, provided once. */
export const WORKING_CALENDAR = Symbol('WORKING_CALENDAR');
export const WORKING_HOURS = Symbol('WORKING_HOURS');
