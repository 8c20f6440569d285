/**
 * Every Kafka topic the platform uses, one constant each: nobody writes a topic string twice.
 * Pattern `<owner>.<entity>.v<N>`; one topic per entity, the event kind travels in the envelope.
 */
export const Topics = {
  ReportSubmissionV1: 'reports.submission.v1',
  ReportFormV1: 'reports.form.v1',
  WorkingCalendarV1: 'reports.working-calendar.v1',
  IndicatorScorecardV1: 'indicators.scorecard.v1',
  IndicatorCatalogV1: 'indicators.catalog.v1',
  ExportJobV1: 'exports.job.v1',
} as const;

export type Topic = (typeof Topics)[keyof typeof Topics];

export const TOPIC_NAME_PATTERN = /^[a-z]+\.[a-z][a-z-]*\.v[1-9][0-9]*$/;

/** Where a consumer parks a message it could not process, with the reason in the headers. */
export function deadLetterTopicOf(topic: Topic): string {
  return `${topic}.dlq`;
}

export const ALL_TOPICS: readonly Topic[] = Object.values(Topics);

/**
 * Topics that hold the latest state per key rather than a history: Kafka keeps the last message of
 * each key, so a consumer that starts later still learns every key's state.
 */
export const COMPACTED_TOPICS: ReadonlySet<Topic> = new Set<Topic>([Topics.WorkingCalendarV1]);
