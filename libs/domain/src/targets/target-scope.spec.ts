import fc from 'fast-check';
import { IndicatorKind } from '../indicators/indicator';
import { UNIT_LEVELS, UnitLevel } from '../units/org-unit';
import { Target } from './target';
import { noTargetsNote, scopeKeysOf, scopeOf, scopeProblems, ScoredUnit, TARGET_SCOPES, TargetScope, targetsForUnit } from './target-scope';

const target = (indicatorCode: string, overrides: Partial<Target> = {}): Target => ({ indicatorCode, year: 2025, value: 0.8, comparison: 'at-least', pillar: 'infrastructure', ...overrides });
const KINDS: Record<string, IndicatorKind> = { BTS: 'count', NO_SIGNAL: 'count', FIBRE: 'ratio', FILES_ONLINE: 'ratio', PILOT: 'milestone' };
const kindOf = (code: string): IndicatorKind | undefined => KINDS[code];
const province: ScoredUnit = { code: '20', level: 'province' };
const trangDinh: ScoredUnit = { code: '180', level: 'district' };
const binhGia: ScoredUnit = { code: '181', level: 'district' };
const commune: ScoredUnit = { code: '06100', level: 'commune' };
const codes = (unit: ScoredUnit, targets: Target[]) => targetsForUnit(targets, unit, kindOf).map((r) => [r.target.indicatorCode, r.target.value, r.appliesTo]);

describe('targets per level: the targets a unit is scored on', () => {
  it('never scores a district on the province’s count (3,762 BTS stations); the province keeps it', () => {
    const targets = [target('BTS', { value: 3762 }), target('FIBRE', { value: 0.8 })];
    expect(codes(province, targets)).toEqual([['BTS', 3762, 'level'], ['FIBRE', 0.8, 'level']]);
    expect(codes(trangDinh, targets)).toEqual([]);
    expect(codes(commune, targets)).toEqual([]);
    expect(codes({ code: '20-SKHCN', level: 'department' }, targets)).toEqual([]);
  });

  it('reads a target without a scope as the province’s, as every programme saved before scopes', () => {
    expect(scopeOf(target('BTS'))).toBe('province');
    expect(codes(province, [target('BTS', { value: 3762 })])).toEqual(codes(province, [target('BTS', { value: 3762, scope: 'province' })]));
  });

  it('gives every district the district target and every commune the commune one (Decision 749: 90 %, 80 %, 60 % of files online)', () => {
    const targets = [target('FILES_ONLINE', { value: 0.9 }), target('FILES_ONLINE', { value: 0.8, scope: 'district' }), target('FILES_ONLINE', { value: 0.6, scope: 'commune' })];
    expect(codes(province, targets)).toEqual([['FILES_ONLINE', 0.9, 'level']]);
    expect(codes(trangDinh, targets)).toEqual([['FILES_ONLINE', 0.8, 'level']]);
    expect(codes(binhGia, targets)).toEqual([['FILES_ONLINE', 0.8, 'level']]);
    expect(codes(commune, targets)).toEqual([['FILES_ONLINE', 0.6, 'level']]);
  });

  it('prefers the target naming the unit to its level’s, then its level’s to one for every level', () => {
    const targets = [
      target('FIBRE', { value: 0.7, scope: 'every-level' }),
      target('FIBRE', { value: 0.75, scope: 'district' }),
      target('FIBRE', { value: 0.5, scope: 'units', unitCodes: ['180'] }),
    ];
    expect(codes(trangDinh, targets)).toEqual([['FIBRE', 0.5, 'unit']]);
    expect(codes(binhGia, targets)).toEqual([['FIBRE', 0.75, 'level']]);
    expect(codes(commune, targets)).toEqual([['FIBRE', 0.7, 'every-level']]);
    expect(codes(province, targets)).toEqual([['FIBRE', 0.7, 'every-level']]);
  });

  it('lets a share, never a count, apply at every level', () => {
    const targets = [target('FIBRE', { scope: 'every-level' }), target('BTS', { value: 3762, scope: 'every-level' })];
    expect(codes(commune, targets)).toEqual([['FIBRE', 0.8, 'every-level']]);
    expect(codes(province, targets)).toEqual([['FIBRE', 0.8, 'every-level'], ['BTS', 3762, 'every-level']]);
    // An indicator the catalog does not know is not taken for a share.
    expect(codes(commune, [target('UNKNOWN', { scope: 'every-level' })])).toEqual([]);
  });

  it('scores a unit the hierarchy does not know only on targets naming it', () => {
    const stranger: ScoredUnit = { code: 'X1', level: undefined };
    const targets = [target('FIBRE', { scope: 'every-level' }), target('FIBRE', { scope: 'district' }), target('BTS', { value: 12, scope: 'units', unitCodes: ['X1'] })];
    expect(codes(stranger, targets)).toEqual([['BTS', 12, 'unit']]);
  });

  it('resolves each year on its own and keeps the programme’s order', () => {
    const targets = [target('FIBRE', { year: 2024, scope: 'district' }), target('BTS', { year: 2025, value: 40, scope: 'district' }), target('FIBRE', { year: 2025, value: 0.85, scope: 'units', unitCodes: ['180'] })];
    expect(codes(trangDinh, targets)).toEqual([['FIBRE', 0.8, 'level'], ['BTS', 40, 'level'], ['FIBRE', 0.85, 'unit']]);
  });

  it('says so when a unit has no targets, in both languages with the level in words', () => {
    expect(noTargetsNote('49-NQ-TU', 2025, 'commune')).toEqual({
      en: 'Programme 49-NQ-TU sets no targets for this unit (commune level) in 2025',
      vi: 'Chương trình 49-NQ-TU không giao chỉ tiêu cho đơn vị này (cấp xã) năm 2025',
    });
    expect(noTargetsNote('P', 2024, undefined).vi).toBe('Chương trình P không giao chỉ tiêu cho đơn vị này năm 2024');
  });
});

describe('targets per level: checked when a programme is saved', () => {
  const context = { kindOf, isUnitOfProvince: (code: string) => ['178', '180', '181'].includes(code) };

  it('accepts every scope used as meant', () => {
    expect(scopeProblems([target('BTS'), target('BTS', { scope: 'district' }), target('FIBRE', { scope: 'every-level' }), target('BTS', { scope: 'units', unitCodes: ['180', '181'] })], context)).toEqual([]);
  });

  it('names the field of each misuse', () => {
    const problems = scopeProblems(
      [
        target('BTS', { scope: 'every-level' }),
        target('UNKNOWN', { scope: 'every-level' }),
        target('BTS', { scope: 'units' }),
        target('BTS', { scope: 'district', unitCodes: ['180'] }),
        target('BTS', { scope: 'units', unitCodes: ['180', '999'] }),
        target('BTS', { scope: 'village' as TargetScope }),
      ],
      context,
    );
    expect(problems.map((p) => [p.index, p.field])).toEqual([[0, 'scope'], [1, 'scope'], [2, 'unitCodes'], [3, 'unitCodes'], [4, 'unitCodes'], [5, 'scope']]);
    expect(problems[0]!.message).toBe('BTS is a count indicator: only a ratio applies at every level; give each level or unit its own target');
    expect(problems[4]!.messageVi).toBe('không phải đơn vị của tỉnh: 999');
  });

  it('keys a target once per indicator, year and scope, and once per unit it names', () => {
    expect(scopeKeysOf(target('BTS'))).toEqual(['BTS/2025/province']);
    expect(scopeKeysOf(target('BTS', { scope: 'commune' }))).toEqual(['BTS/2025/commune']);
    expect(scopeKeysOf(target('BTS', { scope: 'units', unitCodes: ['180', '181'] }))).toEqual(['BTS/2025/unit:180', 'BTS/2025/unit:181']);
  });
});

describe('targets per level: properties of the resolution', () => {
  const unitCodes = ['20', '180', '181', '06100', '06101', 'X1'];
  const levelOfCode: Record<string, UnitLevel | undefined> = { '20': 'province', '180': 'district', '181': 'district', '06100': 'commune', '06101': 'commune', X1: undefined };
  const arbTarget: fc.Arbitrary<Target> = fc
    .record({
      indicatorCode: fc.constantFrom('BTS', 'FIBRE', 'PILOT', 'UNKNOWN'),
      year: fc.constantFrom(2024, 2025),
      value: fc.integer({ min: 0, max: 5000 }),
      scope: fc.option(fc.constantFrom(...TARGET_SCOPES), { nil: undefined }),
      unitCodes: fc.subarray(unitCodes, { minLength: 1 }),
    })
    .map(({ scope, unitCodes: named, ...rest }) => ({ ...rest, comparison: 'at-least' as const, pillar: 'p', ...(scope ? { scope } : {}), ...(scope === 'units' ? { unitCodes: named } : {}) }));
  const arbUnit: fc.Arbitrary<ScoredUnit> = fc.constantFrom(...unitCodes).map((code) => ({ code, level: levelOfCode[code] }));
  // Unique keys, as a saved programme has them (the service refuses a second target on one key).
  const arbProgramme = fc.uniqueArray(arbTarget, { selector: (t) => scopeKeysOf(t).join('|'), maxLength: 25 }).filter((ts) => {
    const keys = ts.flatMap(scopeKeysOf);
    return new Set(keys).size === keys.length;
  });

  it('gives at most one target per indicator and year, each one the programme sets for the unit', () => {
    fc.assert(
      fc.property(arbProgramme, arbUnit, (targets, unit) => {
        const resolved = targetsForUnit(targets, unit, kindOf);
        const keys = resolved.map((r) => `${r.target.indicatorCode}/${r.target.year}`);
        expect(new Set(keys).size).toBe(keys.length);
        for (const { target: t, appliesTo } of resolved) {
          expect(targets).toContain(t);
          const scope = scopeOf(t);
          if (appliesTo === 'unit') expect(t.unitCodes).toContain(unit.code);
          if (appliesTo === 'level') expect(scope).toBe(unit.level);
          if (appliesTo === 'every-level') expect(scope).toBe('every-level');
        }
      }),
    );
  });

  it('never reaches below the province with a province target, nor with a count, unless it names the unit or its level', () => {
    fc.assert(
      fc.property(arbProgramme, arbUnit, (targets, unit) => {
        fc.pre(unit.level !== 'province');
        for (const { target: t } of targetsForUnit(targets, unit, kindOf)) {
          expect(scopeOf(t)).not.toBe('province');
          if (kindOf(t.indicatorCode) !== 'ratio') expect(t.unitCodes?.includes(unit.code) || scopeOf(t) === unit.level).toBe(true);
        }
      }),
    );
  });

  it('takes the most specific target there is: the unit’s, else its level’s, else every level’s, else none', () => {
    fc.assert(
      fc.property(arbProgramme, arbUnit, (targets, unit) => {
        const resolved = targetsForUnit(targets, unit, kindOf);
        const byKey = new Map(resolved.map((r) => [`${r.target.indicatorCode}/${r.target.year}`, r.appliesTo]));
        for (const t of targets) {
          const key = `${t.indicatorCode}/${t.year}`;
          if (t.unitCodes?.includes(unit.code)) expect(byKey.get(key)).toBe('unit');
          else if (scopeOf(t) === unit.level) expect(['unit', 'level']).toContain(byKey.get(key));
        }
      }),
    );
  });

  it('does not depend on the order of the targets, only presents them in it', () => {
    fc.assert(
      fc.property(arbProgramme, arbUnit, (targets, unit) => {
        const forward = targetsForUnit(targets, unit, kindOf).map((r) => r.target);
        const backward = targetsForUnit([...targets].reverse(), unit, kindOf).map((r) => r.target);
        expect(new Set(backward)).toEqual(new Set(forward));
      }),
    );
  });

  it('is local: targets naming other units change nothing for this one', () => {
    fc.assert(
      fc.property(arbProgramme, arbUnit, fc.constantFrom('BTS', 'FIBRE'), (targets, unit, indicatorCode) => {
        const others = unitCodes.filter((c) => c !== unit.code);
        const more = [...targets, target(indicatorCode, { scope: 'units', unitCodes: others, value: 9999 })];
        expect(targetsForUnit(more, unit, kindOf)).toEqual(targetsForUnit(targets, unit, kindOf));
      }),
    );
  });

  it('covers every level with a scope of its own', () => {
    expect(UNIT_LEVELS.every((level) => TARGET_SCOPES.includes(level))).toBe(true);
  });
});
