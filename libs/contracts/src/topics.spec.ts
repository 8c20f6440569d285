import { ALL_TOPICS, COMPACTED_TOPICS, deadLetterTopicOf, TOPIC_NAME_PATTERN, Topics } from './topics';

describe('topics', () => {
  it.each(Object.entries(Topics))('%s = %s follows <owner>.<entity>.v<N>', (_, topic) => {
    expect(topic).toMatch(TOPIC_NAME_PATTERN);
  });

  it('has no topic twice', () => {
    expect(new Set(ALL_TOPICS).size).toBe(ALL_TOPICS.length);
  });

  it('derives a dead-letter topic that is not itself a contract topic', () => {
    expect(deadLetterTopicOf(Topics.ReportSubmissionV1)).toBe('reports.submission.v1.dlq');
    expect(deadLetterTopicOf(Topics.ReportSubmissionV1)).not.toMatch(TOPIC_NAME_PATTERN);
  });

  it('rejects names that break the pattern', () => {
    for (const bad of ['reports.submission', 'Reports.submission.v1', 'reports.submission.v0', 'reports_submission_v1']) {
      expect(bad).not.toMatch(TOPIC_NAME_PATTERN);
    }
  });
});

describe('compacted topics', () => {
  it('compact the working calendar, keyed by province, and nothing that carries a history', () => {
    expect([...COMPACTED_TOPICS]).toEqual([Topics.WorkingCalendarV1]);
  });
});
