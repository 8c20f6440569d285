import { Envelope, envelope, keyOf, Payload } from './report-submission.event';

const payload = (overrides: Partial<Payload> = {}): Payload => ({
  kind: 'submitted',
  submissionId: '20:178:F1:2023',
  provinceCode: '20',
  unitCode: '178',
  formCode: 'F1',
  period: '2023',
  revision: 1,
  status: 'submitted',
  values: [{ indicatorCode: 'DOSSIERS', numerator: 630485, denominator: 732908 }],
  late: false,
  changedAt: '2024-01-10T03:00:00.000Z',
  changedBy: 'unit:20:178',
  ...overrides,
});

describe('reports.submission.v1', () => {
  it('keys an event by province so one consumer owns a province’s fold and a unit’s revisions stay in order', () => {
    const event = envelope({ source: 'reports', data: payload() });
    expect(event.key).toBe('20');
    expect(keyOf(payload({ unitCode: '180', period: '2024' }))).toBe('20');
    expect(keyOf(payload({ provinceCode: '42' }))).toBe('42');
  });

  it('produces envelopes that its own schema accepts', () => {
    const event = envelope({ source: 'reports', correlationId: 'c-1', data: payload() });
    expect(Envelope.parse(event)).toEqual(event);
    expect(event).toMatchObject({ type: 'reports.submission', version: 1, source: 'reports', correlationId: 'c-1' });
  });

  it('uses the event id as correlation id when none is given', () => {
    const event = envelope({ source: 'reports', data: payload() });
    expect(event.correlationId).toBe(event.id);
  });

  it.each([
    ['a value with two shapes', { values: [{ indicatorCode: 'X', value: 1, done: true }] }, 'values.0'],
    ['a ratio without denominator', { values: [{ indicatorCode: 'X', numerator: 1 }] }, 'values.0'],
    ['a revision of zero', { revision: 0 }, 'revision'],
    ['a unit code with a dot', { unitCode: '17.8' }, 'unitCode'],
    ['an unknown status', { status: 'draft' }, 'status'],
    ['approved values of two shapes', { approved: { revision: 1, values: [{ indicatorCode: 'X', value: 1, done: true }] } }, 'approved.values.0'],
  ])('rejects %s', (_, overrides, path) => {
    const event = { ...envelope({ source: 'reports', data: payload() }), data: payload(overrides as Partial<Payload>) };
    const result = Envelope.safeParse(event);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join('.'))).toContainEqual(expect.stringContaining(`data.${path}`));
  });

  it('carries the approved values beside a correction, and still reads events written without them', () => {
    const correction = envelope({ source: 'reports', data: payload({ kind: 'revised', revision: 3, approved: { revision: 2, values: [{ indicatorCode: 'DOSSIERS', numerator: 640000, denominator: 732908 }] } }) });
    expect(Envelope.parse(correction).data.approved).toEqual({ revision: 2, values: [{ indicatorCode: 'DOSSIERS', numerator: 640000, denominator: 732908 }] });
    expect(Envelope.parse(envelope({ source: 'reports', data: payload() })).data.approved).toBeUndefined();
  });

  it('rejects an envelope of another type or version', () => {
    const event = envelope({ source: 'reports', data: payload() });
    expect(Envelope.safeParse({ ...event, type: 'reports.other' }).success).toBe(false);
    expect(Envelope.safeParse({ ...event, version: 2 }).success).toBe(false);
  });
});
