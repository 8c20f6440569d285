import { Envelope, envelope, Payload } from './report-form.event';

const payload = (overrides: Partial<Payload> = {}): Payload => ({
  kind: 'saved',
  provinceCode: '20',
  code: 'CDS-Q',
  nameVi: 'Báo cáo chuyển đổi số quý',
  nameEn: 'Quarterly digital transformation report',
  periodType: 'quarter',
  calendar: 'decree-09',
  levels: ['district'],
  countSubmitted: false,
  deadline: { kind: 'day-of-month', day: 6, monthsAfterPeriodEnd: 0 },
  version: 1,
  ...overrides,
});

describe('reports.form.v1', () => {
  it('still accepts events without a cut-off of the form’s own (those written before it existed)', () => {
    const event = envelope({ source: 'reports', data: payload() });
    expect(Envelope.parse(event).data).not.toHaveProperty('cutOff');
  });

  it('carries a form’s own cut-off and legal basis to every consumer', () => {
    const own = { cutOff: { kind: 'day-of-month' as const, day: 31, monthsAfterPeriodEnd: -1 }, legalBasis: { document: 'Thông tư 03/2022/TT-BTTTT', article: 'Điều 5' } };
    expect(Envelope.parse(envelope({ source: 'reports', data: payload(own) })).data).toMatchObject(own);
  });

  it.each([
    ['a cut-off after the period', { cutOff: { kind: 'day-of-month', day: 5, monthsAfterPeriodEnd: 1 } }, 'data.cutOff.monthsAfterPeriodEnd'],
    ['a cut-off day no month has', { cutOff: { kind: 'day-of-month', day: 32, monthsAfterPeriodEnd: 0 } }, 'data.cutOff.day'],
    ['a legal basis without its article', { legalBasis: { document: 'Thông tư 03/2022/TT-BTTTT', article: '' } }, 'data.legalBasis.article'],
  ])('refuses %s', (_, overrides, path) => {
    const result = Envelope.safeParse(envelope({ source: 'reports', data: payload(overrides as Partial<Payload>) }));
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });
});
