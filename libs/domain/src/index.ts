export * from './calendar/local-date';
export * from './calendar/working-days';
export * from './calendar/reporting-calendar';
export * from './calendar/deadline-rule';
export * from './periods/period-id';
export * from './periods/period-navigation';
export * from './aggregation/contribution';
