import { infraEnv, submissionEvent, testDatabaseName } from '@dtp/testing';
import mongoose, { Connection } from 'mongoose';
import { SubmissionCopy, SubmissionCopySchema } from './schemas/submission-copy.schema';
import { SubmissionCopiesService } from './submission-copies.service';

/** The copy is written by one conditional upsert (no read first): on the real store, every order of arrival. */
describe('SubmissionCopiesService.apply (FerretDB)', () => {
  let connection: Connection;
  let copies: SubmissionCopiesService;

  beforeAll(async () => {
    connection = await mongoose.createConnection(infraEnv().MONGO_URL, { dbName: testDatabaseName('exports_copies') }).asPromise();
    copies = new SubmissionCopiesService(connection.model(SubmissionCopy.name, SubmissionCopySchema) as never);
  });
  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  const at = (iso: string) => new Date(iso).toISOString();

  it('keeps the newest revision whatever the order of arrival, and a redelivery changes nothing', async () => {
    const first = submissionEvent({ revision: 1, changedAt: at('2025-01-10T00:00:00Z'), values: [{ indicatorCode: 'A', value: 1 }] }).data;
    const second = { ...first, revision: 2, changedAt: at('2025-01-11T00:00:00Z'), values: [{ indicatorCode: 'A', value: 2 }] };

    expect(await copies.apply(first)).toBe('applied');
    expect(await copies.apply(second)).toBe('applied');
    expect(await copies.apply(first)).toBe('stale');
    expect(await copies.apply(second)).toBe('stale');
    const stored = await copies.get(first.provinceCode, first.unitCode, first.formCode, first.period);
    expect(stored).toMatchObject({ revision: 2, valueCount: 1, values: [{ indicatorCode: 'A', value: 2 }] });
  });

  it('takes a later change of the same revision (an approval), not an earlier one', async () => {
    const submitted = submissionEvent({ revision: 3, status: 'submitted', changedAt: at('2025-02-01T00:00:00Z') }).data;
    const approved = { ...submitted, kind: 'approved' as const, status: 'approved' as const, changedAt: at('2025-02-02T00:00:00Z') };

    expect(await copies.apply(approved)).toBe('applied');
    expect(await copies.apply(submitted)).toBe('stale');
    expect(await copies.get(submitted.provinceCode, submitted.unitCode, submitted.formCode, submitted.period)).toMatchObject({ revision: 3, status: 'approved' });

    const other = submissionEvent({ revision: 1, changedAt: at('2025-02-01T00:00:00Z') }).data;
    expect(await copies.apply(other)).toBe('applied');
    expect(await copies.apply({ ...other, status: 'approved', kind: 'approved', changedAt: at('2025-02-03T00:00:00Z') })).toBe('applied');
    expect(await copies.get(other.provinceCode, other.unitCode, other.formCode, other.period)).toMatchObject({ status: 'approved' });
  });

  it('applies a batch: the newest of each submission, whatever the order, and leaves newer copies alone', async () => {
    const a = submissionEvent({ revision: 1, changedAt: at('2025-03-01T00:00:00Z'), values: [{ indicatorCode: 'A', value: 1 }] }).data;
    const b = submissionEvent({ revision: 4, changedAt: at('2025-03-01T00:00:00Z'), values: [{ indicatorCode: 'B', value: 4 }] }).data;
    expect(await copies.apply(b)).toBe('applied');
    await copies.applyBatch([
      { ...a, revision: 2, values: [{ indicatorCode: 'A', value: 2 }] },
      a,
      { ...b, revision: 3, values: [{ indicatorCode: 'B', value: 3 }] },
      { ...a, revision: 2, values: [{ indicatorCode: 'A', value: 2 }] },
    ]);
    expect(await copies.get(a.provinceCode, a.unitCode, a.formCode, a.period)).toMatchObject({ revision: 2, values: [{ indicatorCode: 'A', value: 2 }] });
    expect(await copies.get(b.provinceCode, b.unitCode, b.formCode, b.period)).toMatchObject({ revision: 4, values: [{ indicatorCode: 'B', value: 4 }] });
  });
});
