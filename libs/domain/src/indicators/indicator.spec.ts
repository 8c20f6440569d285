import fc from 'fast-check';
import { formatViPercent } from '../numbers/vi-number';
import { aggregateIndicator, UnitValue } from './aggregate-indicator';
import { IndicatorDefinition, validateIndicatorValue } from './indicator';

const def = (overrides: Partial<IndicatorDefinition>): IndicatorDefinition => ({
  code: 'X',
  nameVi: 'Chỉ tiêu',
  nameEn: 'Indicator',
  unitOfMeasure: '',
  kind: 'count',
  direction: 'higher-is-better',
  reportedBy: ['district', 'commune'],
  ...overrides,
});

const dossiers = def({ code: 'DOSSIERS_DIGITIZED', nameVi: 'Tỷ lệ hồ sơ được số hoá', nameEn: 'Dossiers digitized', unitOfMeasure: '%', kind: 'ratio' });
const bts = def({ code: 'BTS_STATIONS', nameVi: 'Số trạm BTS', nameEn: 'BTS stations', unitOfMeasure: 'trạm' });
const grdp = def({ code: 'DIGITAL_ECONOMY_GRDP', kind: 'province-percentage', reportedBy: ['province'] });
const dti = def({ code: 'DTI_RANK', kind: 'rank', direction: 'lower-is-better', reportedBy: ['province'] });
const pilot = (rule: 'all' | 'any' | 'count') => def({ code: 'EXAM_PILOT', kind: 'milestone', milestoneAggregation: rule });

describe('aggregating an indicator to an ancestor', () => {
  it('gives 86.0% at province level when district parts sum to 630,485 / 732,908', () => {
    const parts: UnitValue[] = [
      { unitId: '178', value: { numerator: 120_400, denominator: 131_000 } },
      { unitId: '180', value: { numerator: 58_085, denominator: 70_208 } },
      { unitId: '181', value: { numerator: 452_000, denominator: 531_700 } },
    ];
    const result = aggregateIndicator(dossiers, parts, ['178', '180', '181', '182']);
    expect(result).toMatchObject({ reported: 3, expected: 4, derivable: true });
    expect(formatViPercent(result.value!)).toBe('86,0%');
  });

  it('sums counts and leaves out units that were not expected', () => {
    const result = aggregateIndicator(bts, [{ unitId: 'a', value: { value: 1_396 } }, { unitId: 'b', value: { value: 1_898 } }, { unitId: 'stranger', value: { value: 99 } }], ['a', 'b']);
    expect(result).toEqual({ value: 3_294, reported: 2, expected: 2, derivable: true });
  });

  it('shows no value when nobody reported or the denominator is zero', () => {
    expect(aggregateIndicator(bts, [], ['a']).value).toBeNull();
    expect(aggregateIndicator(dossiers, [{ unitId: 'a', value: { numerator: 0, denominator: 0 } }], ['a']).value).toBeNull();
  });

  it('does not derive province-only percentages and ranks from units', () => {
    expect(aggregateIndicator(grdp, [{ unitId: 'a', value: { value: 12.52 } }], ['a'])).toMatchObject({ value: null, derivable: false, reported: 1 });
    expect(aggregateIndicator(dti, [], ['a']).derivable).toBe(false);
  });

  it('aggregates milestones as all, any or count, missing reports counting as not done', () => {
    const values: UnitValue[] = [{ unitId: 'a', value: { done: true } }, { unitId: 'b', value: { done: true } }];
    expect(aggregateIndicator(pilot('count'), values, ['a', 'b', 'c']).value).toBe(2);
    expect(aggregateIndicator(pilot('any'), values, ['a', 'b', 'c']).value).toBe(1);
    expect(aggregateIndicator(pilot('all'), values, ['a', 'b', 'c']).value).toBe(0);
    expect(aggregateIndicator(pilot('all'), values, ['a', 'b']).value).toBe(1);
    expect(aggregateIndicator(pilot('any'), [{ unitId: 'a', value: { done: false } }], ['a']).value).toBe(0);
    expect(aggregateIndicator(pilot('all'), [], ['a']).value).toBeNull();
  });

  const ratioValue = fc.integer({ min: 0, max: 100_000 }).chain((d) => fc.record({ numerator: fc.integer({ min: 0, max: d }), denominator: fc.constant(d) }));

  it('aggregated up two levels equals the ratio of all summed parts', () => {
    fc.assert(
      fc.property(fc.array(fc.array(ratioValue, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 6 }), (districts) => {
        const communes = districts.flatMap((cs, d) => cs.map((value, c) => ({ unitId: `${d}-${c}`, value })));
        const direct = aggregateIndicator(dossiers, communes, communes.map((c) => c.unitId));
        const sums = districts.map((cs, d) => ({
          unitId: `${d}`,
          value: { numerator: cs.reduce((s, v) => s + v.numerator, 0), denominator: cs.reduce((s, v) => s + v.denominator, 0) },
        }));
        const viaDistricts = aggregateIndicator(dossiers, sums, sums.map((s) => s.unitId));
        expect(viaDistricts.value).toEqual(direct.value);
      }),
    );
  });

  it('does not depend on the order values arrive in', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.record({ unitId: fc.string({ minLength: 1, maxLength: 4 }), n: fc.nat(10_000) }), { selector: (x) => x.unitId, maxLength: 20 }), (rows) => {
        const values = rows.map((r) => ({ unitId: r.unitId, value: { value: r.n } }));
        const ids = rows.map((r) => r.unitId);
        expect(aggregateIndicator(bts, [...values].reverse(), ids)).toEqual(aggregateIndicator(bts, values, ids));
      }),
    );
  });
});

describe('validating a reported value', () => {
  it('accepts values of the right shape within the rules', () => {
    expect(validateIndicatorValue(dossiers, { numerator: 630_485, denominator: 732_908 }, 'district')).toEqual([]);
    expect(validateIndicatorValue(bts, { value: 1_396 })).toEqual([]);
    expect(validateIndicatorValue(pilot('all'), { done: true })).toEqual([]);
    expect(validateIndicatorValue(grdp, { value: 12.52 }, 'province')).toEqual([]);
  });

  it.each([
    ['a numerator above the denominator', dossiers, { numerator: 9, denominator: 8 }, 'numerator 9 exceeds denominator 8'],
    ['a negative part', dossiers, { numerator: -1, denominator: 8 }, 'numerator must be a number ≥ 0'],
    ['a negative denominator', dossiers, { numerator: 0, denominator: -8 }, 'denominator must be a number ≥ 0'],
    ['a fractional count', bts, { value: 2.5 }, 'a count must be a whole number ≥ 0'],
    ['a rank of zero', dti, { value: 0 }, 'a rank must be a whole number ≥ 1'],
    ['a percentage over 100', grdp, { value: 120 }, 'a percentage must be from 0 to 100'],
    ['an index score over 1', def({ kind: 'index' }), { value: 1.2 }, 'an index score must be from 0 to 1 (score / maximum)'],
    ['a value for a ratio', dossiers, { value: 0.86 }, 'DOSSIERS_DIGITIZED is a ratio indicator: give numerator and denominator'],
    ['a number for a milestone', pilot('all'), { value: 1 }, 'EXAM_PILOT is a milestone indicator: give done or not done'],
    ['an infinite number', bts, { value: Infinity }, 'value must be a finite number'],
    ['a value above the bound', def({ bounds: { max: 65 } }), { value: 70 }, 'value must be ≤ 65'],
    ['a value below the bound', def({ kind: 'province-percentage', bounds: { min: 5 } }), { value: 2 }, 'value must be ≥ 5'],
  ])('refuses %s', (_, indicator, value, message) => {
    expect(validateIndicatorValue(indicator, value as never).map((p) => p.message)).toContain(message);
  });

  it('refuses a value from a level that does not report the indicator, in both languages (the level named in Vietnamese in the Vietnamese text)', () => {
    expect(validateIndicatorValue(grdp, { value: 10 }, 'commune')).toEqual([
      { field: 'indicatorCode', message: 'DIGITAL_ECONOMY_GRDP is not reported by commune units', messageVi: 'chỉ tiêu DIGITAL_ECONOMY_GRDP không do cấp xã báo cáo' },
    ]);
  });
});
