import { reminderIndexOf } from './deliveries.service';

describe('reminderIndexOf', () => {
  it('lists an obligation under its province, form and period, by unit', () => {
    expect(reminderIndexOf('20:180:CDS-Q:2024Q4')).toEqual({ _id: '20:CDS-Q:2024Q4', key: '180' });
  });

  it('never makes a field name with "." or "$", and keeps distinct units distinct', () => {
    const keys = ['a.b', 'a$b', 'a~2e~b', 'a_b', 'a-b'].map((unit) => reminderIndexOf(`20:${unit}:F:2024Q1`).key);
    for (const key of keys) expect(key).not.toMatch(/[.$]/);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
