import { ReportSubmission } from '@dtp/contracts';
import { formatPeriodId, periodsBetween } from '@dtp/domain';
import { DedicatedKafka, readTopic, reportFormFixture, reportValuesFixture, uniqueCode, waitFor } from '@dtp/testing';
import { ReportsTestApp, startReportsTestApp } from '../../test/reports-test-app';

/**
 * The promise of the outbox: with Kafka down, reports are still accepted; when it is back, each
 * accepted change is published exactly once.
 */
describe('reports while Kafka is down', () => {
  const kafka = new DedicatedKafka();
  const province = uniqueCode('P');
  let reports: ReportsTestApp;

  beforeAll(async () => {
    await kafka.start();
    reports = await startReportsTestApp({ province, database: 'reports_outage', env: { KAFKA_BROKERS: kafka.brokers, LOG_LEVEL: 'fatal' } });
  }, 120000);

  afterAll(async () => {
    await reports.close();
    await kafka.destroy();
  });

  it('accepts 100 reports with the broker stopped and publishes exactly 100 events once it is back', async () => {
    const call = async (method: 'POST' | 'PUT', url: string, headers: Record<string, string>, payload: object) => {
      const res = await reports.inject({ method, url, headers, payload });
      return { status: res.statusCode, body: res.json() };
    };
    const admin = await reports.adminHeaders();
    expect((await call('PUT', '/api/v1/forms', admin, reportFormFixture(province))).status).toBe(200);
    const unit = uniqueCode('U');
    const key = (await call('POST', '/api/v1/api-keys', admin, { provinceCode: province, unitCode: unit, expiresAt: '2099-01-01T00:00:00Z' })).body.key;

    await kafka.stop();
    const quarters = periodsBetween('2001Q1', '2025Q4').map(formatPeriodId);
    expect(quarters).toHaveLength(100);
    for (const period of quarters) {
      const res = await call('POST', '/api/v1/submissions', { 'x-api-key': key }, { formCode: 'CDS-Q', period, values: reportValuesFixture() });
      expect({ period, status: res.status }).toEqual({ period, status: 201 });
    }
    const pending = await reports.connection().collection('submissions').countDocuments({ outboxCount: { $gt: 0 } });
    expect(pending).toBe(100);

    await kafka.start();
    await waitFor(
      () => reports.connection().collection('submissions').countDocuments({ outboxCount: { $gt: 0 } }),
      (left) => left === 0,
      { timeoutMs: 90000, intervalMs: 500, what: 'the outbox to drain' },
    );
    const messages = await readTopic(kafka.brokers, ReportSubmission.TOPIC, (m) => m.length >= 100, 30000);
    // Anything published twice would arrive within this pause.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const all = await readTopic(kafka.brokers, ReportSubmission.TOPIC, (m) => m.length >= messages.length, 30000);
    const events = all.map((m) => ReportSubmission.Envelope.parse(JSON.parse(m.value)));
    expect(events).toHaveLength(100);
    expect(new Set(events.map((e) => e.id)).size).toBe(100);
    expect(new Set(events.map((e) => e.data.period))).toEqual(new Set(quarters));
  }, 240000);
});
