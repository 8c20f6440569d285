import fc from 'fast-check';
import { addDays } from '../calendar/local-date';
import { OrgUnit, UNIT_LEVELS, UnitLevel } from './org-unit';
import { HierarchyError, OrgUnitHierarchy } from './org-unit-hierarchy';
import { referenceUnits } from './reference-units';
import { PARENT_LEVELS, provinceOfOn, treeProblems, unitsOutsideProvince } from './unit-tree';

/** Fictional test units: the real commune lists are imported data, never written in code. */
const unit = (id: string, level: UnitLevel, overrides: Partial<OrgUnit> = {}): OrgUnit => ({ id, name: `Đơn vị thử nghiệm ${id}`, level, parents: [], successors: [], ...overrides });
const messages = (units: OrgUnit[], ids?: string[]) => treeProblems(units, ids).map((p) => p.message);
const lookupOf = (units: OrgUnit[]) => {
  const byId = new Map(units.map((u) => [u.id, u]));
  return (id: string) => byId.get(id);
};

describe('the tree rules of the administrative map', () => {
  it('accept the reference provinces and districts, and a commune under its district then directly under the province after the reform', () => {
    const units = [...referenceUnits(), unit('C1', 'commune', { parents: [{ parentId: '180', to: '2025-06-30' }, { parentId: '20', from: '2025-07-01' }] })];
    expect(treeProblems(units)).toEqual([]);
  });

  it('refuse a commune with no parent, naming the unit and the field in both languages', () => {
    expect(treeProblems([...referenceUnits(), unit('C1', 'commune')])).toEqual([
      { unitId: 'C1', field: 'parents', message: 'C1: has no parent at any time', messageVi: 'C1: không có đơn vị cấp trên trong toàn bộ thời gian tồn tại' },
    ]);
  });

  it('refuse a province under a commune, and a commune under a commune', () => {
    const units = [...referenceUnits(), unit('C1', 'commune', { parents: [{ parentId: '180', to: '2025-06-30' }, { parentId: '20', from: '2025-07-01' }] }), unit('P9', 'province', { parents: [{ parentId: 'C1' }] }), unit('C2', 'commune', { parents: [{ parentId: 'C1' }] })];
    expect(treeProblems(units)).toEqual([
      { unitId: 'P9', field: 'parents', message: 'P9: a province has no parent unit, yet C1 is given', messageVi: 'P9: đơn vị cấp tỉnh không có đơn vị cấp trên, nhưng đã khai báo C1' },
      {
        unitId: 'C2',
        field: 'parents',
        message: 'C2: a commune cannot sit under C1, a commune: its parent must be a district or a province',
        messageVi: 'C2: đơn vị cấp xã không thể trực thuộc C1 (cấp xã): đơn vị cấp trên phải là cấp huyện hoặc cấp tỉnh',
      },
    ]);
  });

  it('refuse a district whose parent ends before it does, naming the days left without one', () => {
    const units = [unit('P1', 'province', { validTo: '2025-06-30' }), unit('D1', 'district', { parents: [{ parentId: 'P1' }] })];
    expect(treeProblems(units)).toEqual([{ unitId: 'D1', field: 'parents', message: 'D1: has no parent from 2025-07-01 on', messageVi: 'D1: không có đơn vị cấp trên từ ngày 01/07/2025 trở đi' }]);
  });

  it('refuse a commune left without a parent between two links', () => {
    const units = [...referenceUnits(), unit('C1', 'commune', { parents: [{ parentId: '180', to: '2025-05-31' }, { parentId: '20', from: '2025-07-01' }] })];
    expect(messages(units)).toEqual(['C1: has no parent from 2025-06-01 to 2025-06-30']);
  });

  it('refuse a cycle: units under one another break the levels, and the hierarchy names the loop', () => {
    const units = [unit('A', 'commune', { parents: [{ parentId: 'B' }] }), unit('B', 'commune', { parents: [{ parentId: 'A' }] })];
    expect(messages(units)).toHaveLength(2);
    expect(() => new OrgUnitHierarchy(units)).toThrow(HierarchyError);
  });

  it('judge only the units asked about, so an import is not blocked by units it does not touch', () => {
    const units = [...referenceUnits(), unit('OLD', 'commune'), unit('NEW', 'commune', { parents: [{ parentId: '181' }], validTo: '2025-06-30' })];
    expect(messages(units, ['NEW'])).toEqual([]);
    expect(messages(units, ['OLD'])).toEqual(['OLD: has no parent at any time']);
  });

  it('leave a parent that does not exist at all to the hierarchy, which names it once', () => {
    expect(messages([unit('C1', 'commune', { parents: [{ parentId: 'NOPE' }] })])).toEqual([]);
  });

  it('allow exactly the levels above: departments and districts under a province, communes under a district or the province', () => {
    fc.assert(
      fc.property(fc.constantFrom(...UNIT_LEVELS), fc.constantFrom(...UNIT_LEVELS), (child, parent) => {
        const units = [unit('P', parent), unit('C', child, { parents: [{ parentId: 'P' }] })];
        const refused = treeProblems(units, ['C']).length > 0;
        expect(refused).toBe(child === 'province' || !PARENT_LEVELS[child].includes(parent));
      }),
    );
    expect(PARENT_LEVELS).toEqual({ province: [], department: ['province'], district: ['province'], commune: ['district', 'province'] });
  });

  /** Days as offsets from 1/1/2025; an open end as null. */
  const day = (n: number) => addDays('2025-01-01', n);
  const span = fc.tuple(fc.option(fc.integer({ min: 0, max: 40 })), fc.option(fc.integer({ min: 0, max: 40 }))).map(([a, b]) => (a !== null && b !== null && b < a ? [b, a] : [a, b]) as [number | null, number | null]);

  it('say a unit lacks a parent exactly when some day of its validity is in no link, as many stretches as there are', () => {
    fc.assert(
      fc.property(span, fc.array(span, { maxLength: 4 }), ([from, to], links) => {
        const commune = unit('C', 'commune', {
          ...(from !== null ? { validFrom: day(from) } : {}),
          ...(to !== null ? { validTo: day(to) } : {}),
          parents: links.map(([a, b]) => ({ parentId: 'P', ...(a !== null ? { from: day(a) } : {}), ...(b !== null ? { to: day(b) } : {}) })),
        });
        // Brute force over the days -1…41: outside them every span is open or ends, so a run touching the edge stands for the open end.
        const inSpan = (d: number, [a, b]: [number | null, number | null]) => (a === null || a <= d) && (b === null || d <= b);
        let runs = 0;
        let inRun = false;
        for (let d = -1; d <= 41; d += 1) {
          const uncovered = inSpan(d, [from, to]) && !links.some((l) => inSpan(d, l));
          if (uncovered && !inRun) runs += 1;
          inRun = uncovered;
        }
        expect(messages([unit('P', 'province'), commune], ['C'])).toHaveLength(runs);
      }),
    );
  });

  it('accept any valid map: a province, its districts ending on the reform day, communes under them and then under the province', () => {
    const map = fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 6 }).map((communesPerDistrict) => [
      unit('P', 'province'),
      unit('DEP', 'department', { parents: [{ parentId: 'P' }] }),
      ...communesPerDistrict.flatMap((n, d) => [
        unit(`D${d}`, 'district', { validTo: '2025-06-30', parents: [{ parentId: 'P' }] }),
        ...Array.from({ length: n }, (_, c) => unit(`C${d}_${c}`, 'commune', { parents: [{ parentId: `D${d}`, to: '2025-06-30' }, { parentId: 'P', from: '2025-07-01' }] })),
      ]),
    ]);
    fc.assert(
      fc.property(map, (units) => {
        expect(treeProblems(units)).toEqual([]);
        expect(() => new OrgUnitHierarchy(units)).not.toThrow();
      }),
    );
  });
});

describe('the province a unit lies in', () => {
  const units = [...referenceUnits(), unit('C1', 'commune', { parents: [{ parentId: '180', to: '2025-06-30' }, { parentId: '20', from: '2025-07-01' }] })];
  const lookup = lookupOf(units);

  it('follows the parents of the day', () => {
    expect(provinceOfOn(lookup, 'C1', '2024-01-01')).toBe('20');
    expect(provinceOfOn(lookup, 'C1', '2026-01-01')).toBe('20');
    expect(provinceOfOn(lookup, '436', '2024-01-01')).toBe('42');
    expect(provinceOfOn(lookup, '42', '2024-01-01')).toBe('42');
    expect(provinceOfOn(lookup, 'NOPE', '2024-01-01')).toBeUndefined();
  });

  it('lets a province’s administrator change its own units only, as imported and as they stood', () => {
    const before = lookup;
    const check = (changed: OrgUnit[]) => {
      const merged = new Map(units.map((u) => [u.id, u]));
      for (const u of changed) merged.set(u.id, u);
      return unitsOutsideProvince('20', changed, (id) => merged.get(id), before).map((p) => p.unitId);
    };
    expect(check([unit('C2', 'commune', { parents: [{ parentId: '181' }], validTo: '2025-06-30' })])).toEqual([]);
    expect(check([{ ...lookup('20')!, name: 'Tỉnh Lạng Sơn' }])).toEqual([]);
    // Under Hà Tĩnh (42): not Lạng Sơn's.
    expect(check([unit('C3', 'commune', { parents: [{ parentId: '436' }], validTo: '2025-06-30' })])).toEqual(['C3']);
    expect(check([{ ...lookup('42')!, name: 'Tỉnh khác' }])).toEqual(['42']);
    // Hà Tĩnh's district moved under Lạng Sơn: it was another province's.
    expect(check([{ ...lookup('436')!, parents: [{ parentId: '20' }] }])).toEqual(['436']);
    // Lạng Sơn's commune moved under Hà Tĩnh.
    expect(check([{ ...lookup('C1')!, parents: [{ parentId: '436', to: '2025-06-30' }, { parentId: '42', from: '2025-07-01' }] }])).toEqual(['C1']);
    // A commune that lies nowhere is not the province's either.
    expect(check([unit('C4', 'commune')])).toEqual(['C4']);
  });
});
