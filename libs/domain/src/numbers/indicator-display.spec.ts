import { displayedValue, valueDisplayOf } from './indicator-display';

describe('valueDisplayOf: one rule for screens and files', () => {
  it('reads a ratio as a percentage and a province-level percentage as entered', () => {
    expect(displayedValue(0.86025, valueDisplayOf({ kind: 'ratio' }))).toBe(86.025);
    expect(displayedValue(0.1 + 0.2, valueDisplayOf({ kind: 'ratio' }))).toBe(30);
    // The review's case: a digital-economy share of 12.52 % against 20 % printed as 1.252 against 2.000.
    expect(displayedValue(12.52, valueDisplayOf({ kind: 'province-percentage' }))).toBe(12.52);
    expect(displayedValue(20, valueDisplayOf({ kind: 'province-percentage' }))).toBe(20);
    expect(valueDisplayOf({ kind: 'province-percentage' })).toMatchObject({ unit: '%', percentage: true });
  });

  it('shows counts, ranks and milestones as whole numbers, with the unit of measure where there is one', () => {
    expect(valueDisplayOf({ kind: 'count', unitOfMeasure: 'trạm' })).toEqual({ factor: 1, unit: 'trạm', decimals: 0, percentage: false });
    expect(valueDisplayOf({ kind: 'rank', unitOfMeasure: 'hạng' })).toMatchObject({ unit: '', decimals: 0 });
    expect(displayedValue(6, valueDisplayOf({ kind: 'rank' }))).toBe(6);
    expect(displayedValue(3294, valueDisplayOf({ kind: 'count' }))).toBe(3294);
  });

  it('keeps null and an unknown indicator as they are', () => {
    expect(displayedValue(null, valueDisplayOf({ kind: 'ratio' }))).toBeNull();
    expect(displayedValue(1.23456, valueDisplayOf(undefined))).toBe(1.23456);
  });
});
