export * from './periods/period-id';
export * from './aggregation/contribution';
