export * from './topics';
export * from './envelope/event-envelope';
export * as ReportSubmission from './report-submission';
export * as Scorecard from './scorecard/scorecard.event';
export * as ReportForm from './report-form/report-form.event';
export * as Catalog from './catalog/catalog.event';
export * as ExportJob from './export-job/export-job.event';
export * as WorkingCalendar from './working-calendar/working-calendar.event';
