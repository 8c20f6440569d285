import { recentPeriods } from './recent-periods';

describe('recentPeriods (the heatmap’s columns)', () => {
  const november2026 = new Date(2026, 10, 23);

  it('gives the last closed periods of each type, oldest first', () => {
    expect(recentPeriods('year', november2026)).toEqual(['2022', '2023', '2024', '2025']);
    expect(recentPeriods('nine-months', november2026, 2)).toEqual(['2024N9', '2025N9']);
    expect(recentPeriods('half-year', november2026)).toEqual(['2024S2', '2025S1', '2025S2', '2026S1']);
    expect(recentPeriods('quarter', november2026)).toEqual(['2025Q4', '2026Q1', '2026Q2', '2026Q3']);
    expect(recentPeriods('month', november2026)).toEqual(['202607', '202608', '202609', '202610']);
  });

  it('crosses the turn of the year', () => {
    const january = new Date(2027, 0, 10);
    expect(recentPeriods('month', january, 2)).toEqual(['202611', '202612']);
    expect(recentPeriods('quarter', january, 2)).toEqual(['2026Q3', '2026Q4']);
    expect(recentPeriods('half-year', new Date(2027, 2, 1), 1)).toEqual(['2026S2']);
  });
});
