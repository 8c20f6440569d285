/** Office hours, provided once; working days are each province's (`WorkingCalendars`, libs/messaging). */
export const WORKING_HOURS = Symbol('WORKING_HOURS');
