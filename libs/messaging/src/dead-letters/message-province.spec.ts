import { provinceOfMessage } from './message-province';

describe('provinceOfMessage', () => {
  it('takes the province from the payload where the envelope can be read', () => {
    expect(provinceOfMessage('42', JSON.stringify({ id: 'x', data: { provinceCode: '20', revision: -1 } }))).toBe('20');
  });

  it('falls back to the key’s first segment: every topic keys by province first', () => {
    expect(provinceOfMessage('20', 'not json')).toBe('20');
    expect(provinceOfMessage('20:CDS-Q', JSON.stringify({ data: {} }))).toBe('20');
    expect(provinceOfMessage('42:436:2024Q1', JSON.stringify({ data: { provinceCode: 7 } }))).toBe('42');
  });

  it('names no province when neither does, so only a national administrator sees the message', () => {
    expect(provinceOfMessage('units', JSON.stringify({ data: { kind: 'units-imported' } }))).toBeNull();
    expect(provinceOfMessage(null, 'null')).toBeNull();
    expect(provinceOfMessage('', '{')).toBeNull();
  });
});
