import { ReportSubmission } from '@dtp/contracts';
import { freePort, infraEnv, produceRaw, RunningService, startServiceProcess, submissionEvent, testDatabaseName, uniqueCode, waitFor, waitForGroupToCatchUp } from '@dtp/testing';
import { Partitioners } from 'kafkajs';

/**
 * Two indicators replicas share the partitions of `reports.submission.v1` (one consumer group);
 * one is killed with SIGKILL while events flow. The survivor takes over its partitions, the
 * events it had not committed arrive again, and every province's totals are still exact.
 */
describe('the fold with two indicators replicas, one killed mid-load', () => {
  const env = infraEnv();
  const run = uniqueCode('rep');
  const database = testDatabaseName('indicators_replicas');
  const group = `indicators-${run}`;
  const replicas: RunningService[] = [];

  beforeAll(async () => {
    const common = { ...env, LOG_LEVEL: 'warn', OUTBOX_POLL_MS: '200', JWT_SECRET: `e2e-jwt-secret-${run}-padding-padding`, MONGO_DB: database, KAFKA_GROUP_ID: group };
    for (const port of [await freePort(), await freePort()]) replicas.push(await startServiceProcess('indicators', port, { ...common }));
    // A new group reads the topic's history first; start the test from its end.
    await waitForGroupToCatchUp(env.KAFKA_BROKERS, `${group}-fold`, ReportSubmission.TOPIC, 110000);
  }, 180000);

  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.stop()));
  });

  /** Provinces whose keys fall on every partition, so both replicas own some of them. */
  function provincesOnEveryPartition(partitions: number, perPartition: number): string[] {
    const partitionOf = Partitioners.DefaultPartitioner();
    const metadata = Array.from({ length: partitions }, (_, partitionId) => ({ partitionId, leader: 0, replicas: [0], isr: [0], partitionErrorCode: 0 }));
    const chosen = new Map<number, string[]>();
    while ([...chosen.values()].flat().length < partitions * perPartition) {
      const province = uniqueCode('Q');
      const p = partitionOf({ topic: ReportSubmission.TOPIC, partitionMetadata: metadata, message: { key: province, value: null } });
      if ((chosen.get(p) ?? []).length < perPartition) chosen.set(p, [...(chosen.get(p) ?? []), province]);
    }
    return [...chosen.values()].flat();
  }

  it('keeps every province total exact', async () => {
    const provinces = provincesOnEveryPartition(3, 2);
    const units = Array.from({ length: 12 }, (_, i) => `U${i}`);
    const periods = ['2024', '2025'];
    const first: ReportSubmission.Envelope[] = [];
    const second: ReportSubmission.Envelope[] = [];
    const expected = new Map<string, { sum: number; reporting: number }>();
    for (const provinceCode of provinces) {
      for (const period of periods) {
        let sum = 0;
        units.forEach((u, i) => {
          const unitCode = `${provinceCode}${u}`;
          const v1 = 100 + i;
          const v2 = 1000 + i * 7;
          first.push(submissionEvent({ provinceCode, unitCode, period, revision: 1, values: [{ indicatorCode: 'BTS', value: v1 }, { indicatorCode: 'CAMERAS', value: 1 }] }));
          // Half the units revise their report after the kill; one in six sends it back (returned).
          if (i % 2 === 0) second.push(submissionEvent({ provinceCode, unitCode, period, revision: 2, kind: 'revised', values: [{ indicatorCode: 'BTS', value: v2 }, { indicatorCode: 'CAMERAS', value: 1 }] }));
          if (i % 6 === 1) second.push(submissionEvent({ provinceCode, unitCode, period, revision: 2, kind: 'returned', status: 'returned', values: [{ indicatorCode: 'BTS', value: v1 }, { indicatorCode: 'CAMERAS', value: 1 }] }));
          if (i % 6 !== 1) sum += i % 2 === 0 ? v2 : v1;
        });
        expected.set(`${provinceCode}/${period}`, { sum, reporting: units.filter((_, i) => i % 6 !== 1).length });
      }
    }
    const send = (events: ReportSubmission.Envelope[]) => produceRaw(env.KAFKA_BROKERS, ReportSubmission.TOPIC, events.map((e) => ({ key: e.key, value: JSON.stringify(e) })));
    const [doomed, survivor] = replicas as [RunningService, RunningService];
    const valueAt = async (base: string, provinceCode: string, period: string) => {
      const res = await fetch(`${base}/api/v1/aggregates/${provinceCode}/BTS/${period}`);
      return res.status === 200 ? ((await res.json()) as { totals: { sum: number; reporting: number } }).totals : undefined;
    };

    await send(first);
    // Mid-load: some provinces folded, the rest still on their way, when the first replica dies.
    await waitFor(() => Promise.all(provinces.map((p) => valueAt(survivor.baseUrl, p, '2024'))), (found) => found.some((t) => t !== undefined), { what: 'the first reports folded', timeoutMs: 60000, intervalMs: 20 });
    doomed.process.kill('SIGKILL');
    await send(second);
    // Some events delivered twice, as a producer retry or a relay restart would.
    await send(first.slice(0, 40));
    await waitForGroupToCatchUp(env.KAFKA_BROKERS, `${group}-fold`, ReportSubmission.TOPIC, 120000);

    for (const provinceCode of provinces) {
      for (const period of periods) {
        const totals = await waitFor(() => valueAt(survivor.baseUrl, provinceCode, period), (t) => t?.reporting === expected.get(`${provinceCode}/${period}`)!.reporting, { what: `${provinceCode} ${period} folded`, timeoutMs: 10000 });
        expect({ provinceCode, period, sum: totals?.sum, reporting: totals?.reporting }).toEqual({ provinceCode, period, ...expected.get(`${provinceCode}/${period}`) });
      }
    }
  }, 240000);
});
