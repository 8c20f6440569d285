import { Payload } from './catalog.event';

describe('indicators.catalog.v1 programme-saved', () => {
  const saved = { kind: 'programme-saved', provinceCode: '20', code: '49-NQ-TU', version: 3, targets: 30 } as const;

  it('carries the count of targets per scope, and stays valid without it, as producers before scopes sent it', () => {
    expect(Payload.parse({ ...saved, targetScopes: { province: 27, district: 2, units: 1 } })).toEqual({ ...saved, targetScopes: { province: 27, district: 2, units: 1 } });
    expect(Payload.parse(saved)).toEqual(saved);
    expect(Payload.safeParse({ ...saved, targetScopes: { district: -1 } }).success).toBe(false);
  });
});
