export * from './report-submission.event';
