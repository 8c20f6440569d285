import { DTI_2022_WEIGHTS, indexScore, normalise, normaliseRank } from './index-score';

describe('index scores', () => {
  it('carry the DTI’s 1000 points: foundation 500, activity 500', () => {
    const w = DTI_2022_WEIGHTS;
    const total = Object.values(w).reduce((s, x) => s + x, 0);
    expect(total).toBe(1000);
    expect(w['digital-government']! + w['digital-economy']! + w['digital-society']!).toBe(500);
  });

  it('are the weighted sum of normalised components, published as score / maximum', () => {
    const score = indexScore(Object.entries(DTI_2022_WEIGHTS).map(([code, weight]) => ({ code, weight, normalised: code === 'digital-economy' ? null : 0.5 })));
    expect(score).toEqual({ score: 425, maximum: 1000, ratio: 0.425, missing: ['digital-economy'] });
  });

  it('normalise values and ranks to 0–1, clamped', () => {
    expect(normalise(80, { worst: 0, best: 100 })).toBe(0.8);
    expect(normalise(120, { worst: 0, best: 100 })).toBe(1);
    expect(normalise(116, { worst: 200, best: 0 })).toBeCloseTo(0.42);
    expect(normaliseRank(1, 63)).toBe(1);
    expect(normaliseRank(63, 63)).toBe(0);
    expect(normaliseRank(6, 63)).toBeCloseTo(57 / 62);
    expect(normaliseRank(63, 63, 'higher-is-better')).toBe(1);
    expect(normaliseRank(1, 1)).toBe(1);
  });

  it('refuse what cannot be scored', () => {
    expect(() => normalise(1, { worst: 5, best: 5 })).toThrow('two different ends');
    expect(() => indexScore([{ code: 'a', weight: 0, normalised: 1 }])).toThrow('positive weight');
    expect(() => indexScore([{ code: 'a', weight: 1, normalised: 1.5 }])).toThrow('0–1');
    expect(indexScore([])).toEqual({ score: 0, maximum: 0, ratio: 0, missing: [] });
  });
});
