import fc from 'fast-check';
import { OrgUnit } from './org-unit';
import { HierarchyError, OrgUnitHierarchy } from './org-unit-hierarchy';
import { DISTRICT_LEVEL_ABOLISHED_ON, referenceUnits } from './reference-units';

/** Fictional test communes: the real lists are imported data, never written in code. */
const commune = (id: string, overrides: Partial<OrgUnit> = {}): OrgUnit => ({
  id,
  name: `Xã thử nghiệm ${id}`,
  level: 'commune',
  parents: [],
  successors: [],
  ...overrides,
});

const withTestCommunes = () =>
  new OrgUnitHierarchy([
    ...referenceUnits(),
    // Under district 180 until the district level ends, then directly under the province.
    commune('T1', { parents: [{ parentId: '180', to: '2025-06-30' }, { parentId: '20', from: '2025-07-01' }] }),
    // Merged on 1/12/2024 into T3.
    commune('T2a', { validTo: '2024-11-30', parents: [{ parentId: '180' }], successors: [{ unitId: 'T3', on: '2024-12-01', share: 1 }] }),
    commune('T2b', { validTo: '2024-11-30', parents: [{ parentId: '180' }], successors: [{ unitId: 'T3', on: '2024-12-01', share: 1 }] }),
    commune('T3', { validFrom: '2024-12-01', validTo: '2025-06-30', parents: [{ parentId: '180' }], successors: [{ unitId: 'T5', on: '2025-07-01', share: 1 }] }),
    // Split in two on 1/7/2025.
    commune('T4', { validTo: '2025-06-30', parents: [{ parentId: '181' }], successors: [{ unitId: 'T5', on: '2025-07-01', share: 0.25 }, { unitId: 'T6', on: '2025-07-01', share: 0.75 }] }),
    commune('T5', { validFrom: '2025-07-01', parents: [{ parentId: '20' }] }),
    commune('T6', { validFrom: '2025-07-01', parents: [{ parentId: '20' }] }),
  ]);

describe('reference units', () => {
  const hierarchy = new OrgUnitHierarchy(referenceUnits());

  it('hold Lạng Sơn (20) with 11 and Hà Tĩnh (42) with 13 district-level units and their official codes', () => {
    const districtsOf = (p: string) => hierarchy.childrenOn(p, '2024-01-01').map((u) => u.officialCode);
    expect(hierarchy.get('20').name).toBe('Lạng Sơn');
    expect(hierarchy.get('42').name).toBe('Hà Tĩnh');
    expect(districtsOf('20')).toEqual(['178', '180', '181', '182', '183', '184', '185', '186', '187', '188', '189']);
    expect(districtsOf('42')).toEqual(['436', '437', '439', '440', '441', '442', '443', '444', '445', '446', '447', '448', '449']);
    expect(hierarchy.get('189').name).toBe('Đình Lập');
  });

  it('store names in Unicode NFC', () => {
    for (const unit of hierarchy.all()) expect(unit.name).toBe(unit.name.normalize('NFC'));
    const decomposed = new OrgUnitHierarchy([{ id: 'X', name: 'Lạng Sơn'.normalize('NFD'), level: 'province', parents: [], successors: [] }]);
    expect(decomposed.get('X').name).toBe('Lạng Sơn');
    expect(decomposed.get('X').name).not.toBe('Lạng Sơn'.normalize('NFD'));
  });

  it('end the district level on 30/6/2025', () => {
    expect(hierarchy.validOn('2025-06-30', ['district'])).toHaveLength(24);
    expect(hierarchy.validOn(DISTRICT_LEVEL_ABOLISHED_ON, ['district'])).toHaveLength(0);
    expect(hierarchy.validDuring({ start: '2025-01-01', end: '2025-12-31' }, ['district'])).toHaveLength(24);
    expect(hierarchy.validDuring({ start: '2026-01-01', end: '2026-12-31' }, ['district', 'province']).map((u) => u.id)).toEqual(['20', '42']);
  });
});

describe('a hierarchy that changes over time', () => {
  const hierarchy = withTestCommunes();

  it('gives a unit’s ancestors as the hierarchy stood on a date', () => {
    expect(hierarchy.ancestorsOn('T1', '2024-06-01').map((u) => u.id)).toEqual(['180', '20']);
    expect(hierarchy.ancestorsOn('T1', '2025-07-01').map((u) => u.id)).toEqual(['20']);
    expect(hierarchy.parentOn('20', '2024-01-01')).toBeUndefined();
  });

  it('lists descendants as of a date', () => {
    expect(hierarchy.descendantsOn('180', '2024-06-01').map((u) => u.id).sort()).toEqual(['T1', 'T2a', 'T2b']);
    expect(hierarchy.descendantsOn('180', '2024-12-01').map((u) => u.id).sort()).toEqual(['T1', 'T3']);
    expect(hierarchy.descendantsOn('20', '2026-01-01').map((u) => u.id).sort()).toEqual(['T1', 'T5', 'T6']);
  });

  it('keeps a unit’s data with the unit while it exists', () => {
    expect(hierarchy.whereDataBelongs('T1', '2026-03-01')).toEqual([{ unitId: 'T1', share: 1 }]);
  });

  it('sends a 2024 district’s data to its province in the 2026 hierarchy', () => {
    expect(hierarchy.whereDataBelongs('180', '2026-03-01')).toEqual([{ unitId: '20', share: 1 }]);
  });

  it('follows merges through to today’s unit', () => {
    expect(hierarchy.whereDataBelongs('T2a', '2025-01-15')).toEqual([{ unitId: 'T3', share: 1 }]);
    expect(hierarchy.whereDataBelongs('T2a', '2026-03-01')).toEqual([{ unitId: 'T5', share: 1 }]);
  });

  it('splits data by the successors’ shares', () => {
    expect(hierarchy.whereDataBelongs('T4', '2026-03-01')).toEqual([
      { unitId: 'T5', share: 0.25 },
      { unitId: 'T6', share: 0.75 },
    ]);
  });

  it('looks backwards too: a unit created later belongs, earlier, to its first ancestor', () => {
    expect(hierarchy.whereDataBelongs('T5', '2024-06-01')).toEqual([{ unitId: '20', share: 1 }]);
  });

  it('reaches back from a commune of 1/7/2025 to the communes it took over, with their shares', () => {
    expect(hierarchy.predecessorsOn('T5', '2025-03-31')).toEqual([
      { unitId: 'T3', share: 1 },
      { unitId: 'T4', share: 0.25 },
    ]);
    expect(hierarchy.predecessorsOn('T6', '2025-03-31')).toEqual([{ unitId: 'T4', share: 0.75 }]);
  });

  it('reaches back through the merge of 1/12/2024 to the communes that existed before it', () => {
    expect(hierarchy.predecessorsOn('T5', '2024-06-30')).toEqual([
      { unitId: 'T2a', share: 1 },
      { unitId: 'T2b', share: 1 },
      { unitId: 'T4', share: 0.25 },
    ]);
  });

  it('has no predecessors for a date the unit exists on, nor for a unit nobody merged into', () => {
    expect(hierarchy.predecessorsOn('T5', '2025-07-01')).toEqual([]);
    expect(hierarchy.predecessorsOn('T1', '2024-06-30')).toEqual([]);
  });

  it('names every unit a commune’s data came from, however many reforms back', () => {
    expect(hierarchy.lineageOf('T5')).toEqual(['T2a', 'T2b', 'T3', 'T4']);
    expect(hierarchy.lineageOf('T1')).toEqual([]);
  });

  it('reaches the communes that a predecessor absorbed after the date, with its own figures', () => {
    const absorbed = new OrgUnitHierarchy([
      // K absorbed J on 1/12/2024, then K and L merged into Z on 1/7/2025.
      commune('J', { validTo: '2024-11-30', successors: [{ unitId: 'K', on: '2024-12-01', share: 1 }] }),
      commune('K', { validTo: '2025-06-30', successors: [{ unitId: 'Z', on: '2025-07-01', share: 1 }] }),
      commune('L', { validTo: '2025-06-30', successors: [{ unitId: 'Z', on: '2025-07-01', share: 0.5 }] }),
      commune('Z', { validFrom: '2025-07-01' }),
    ]);
    expect(absorbed.predecessorsOn('Z', '2024-06-30')).toEqual([
      { unitId: 'J', share: 1 },
      { unitId: 'K', share: 1 },
      { unitId: 'L', share: 0.5 },
    ]);
    // From 1/12/2024 K's own figures hold J's.
    expect(absorbed.predecessorsOn('Z', '2025-03-31')).toEqual([
      { unitId: 'K', share: 1 },
      { unitId: 'L', share: 0.5 },
    ]);
  });

  it('counts a unit split and merged again on both routes', () => {
    const diamond = new OrgUnitHierarchy([
      commune('S', { validTo: '2024-11-30', successors: [{ unitId: 'S1', on: '2024-12-01', share: 0.4 }, { unitId: 'S2', on: '2024-12-01', share: 0.6 }] }),
      commune('S1', { validFrom: '2024-12-01', validTo: '2025-06-30', successors: [{ unitId: 'Z', on: '2025-07-01', share: 1 }] }),
      commune('S2', { validFrom: '2024-12-01', validTo: '2025-06-30', successors: [{ unitId: 'Z', on: '2025-07-01', share: 1 }] }),
      commune('Z', { validFrom: '2025-07-01' }),
    ]);
    expect(diamond.predecessorsOn('Z', '2024-06-30')).toEqual([{ unitId: 'S', share: 1 }]);
  });

  it('has nowhere to put data when nothing of the unit’s line exists on the date', () => {
    const lonely = new OrgUnitHierarchy([commune('L', { validFrom: '2025-01-01' })]);
    expect(lonely.whereDataBelongs('L', '2024-01-01')).toEqual([]);
  });
});

describe('checks on the units', () => {
  const refused = (units: OrgUnit[]) => {
    try {
      new OrgUnitHierarchy(units);
    } catch (e) {
      return (e as HierarchyError).problems.map((p) => p.message);
    }
    return [];
  };

  it('refuses unknown parents and successors, duplicates, overlapping links and bad shares', () => {
    const problems = refused([
      ...referenceUnits(),
      commune('A', { parents: [{ parentId: 'NOPE' }] }),
      commune('A'),
      commune('B', { parents: [{ parentId: '180', to: '2025-06-30' }, { parentId: '20', from: '2025-06-01' }] }),
      commune('C', { validTo: '2024-11-30', successors: [{ unitId: 'GONE', on: '2024-12-01', share: 1 }] }),
      commune('D', { validTo: '2024-11-30', successors: [{ unitId: 'T', on: '2024-12-05', share: 0.7 }, { unitId: 'T', on: '2024-12-01', share: 0.6 }] }),
      commune('T', { validFrom: '2024-12-01' }),
      commune('E', { validFrom: '2025-01-01', validTo: '2024-01-01' }),
      commune('F', { parents: [{ parentId: '181' }] }),
    ]);
    expect(problems).toEqual(
      expect.arrayContaining([
        'A: defined twice',
        'B: parent links overlap (180 and 20)',
        'C: successor GONE does not exist',
        'D: successor T must start the day after D ends',
        "D: successors' shares add up to 1.2999999999999998, more than 1",
        'E: valid to 2024-01-01 before valid from 2025-01-01',
        'F: parent 181 does not exist for the whole link … to …',
      ]),
    );
  });

  it('says each problem in Vietnamese too, naming the unit and its field', () => {
    try {
      new OrgUnitHierarchy([...referenceUnits(), commune('A', { parents: [{ parentId: 'NOPE' }] }), commune('B', { validTo: '2024-11-30', successors: [{ unitId: 'GONE', on: '2024-12-01', share: 1 }] })]);
      throw new Error('not refused');
    } catch (e) {
      expect((e as HierarchyError).problems).toEqual([
        { unitId: 'A', field: 'parents', message: 'A: parent NOPE does not exist', messageVi: 'A: đơn vị cấp trên NOPE không tồn tại' },
        { unitId: 'B', field: 'successors', message: 'B: successor GONE does not exist', messageVi: 'B: đơn vị kế thừa GONE không tồn tại' },
      ]);
    }
  });

  it('refuses a unit that is its own ancestor', () => {
    expect(refused([commune('A', { parents: [{ parentId: 'B' }] }), commune('B', { parents: [{ parentId: 'A' }] })])).toContain('A: is its own ancestor on 2000-01-01');
  });

  it('names an unknown unit', () => {
    expect(() => withTestCommunes().get('999')).toThrow('unknown organisation unit 999');
  });
});

describe('predecessors read successor links backwards', () => {
  /** A reform on 1/7/2025: old communes, each merged whole into one new commune or split between several. */
  const reform = fc
    .record({ olds: fc.integer({ min: 1, max: 6 }), news: fc.integer({ min: 1, max: 4 }) })
    .chain(({ olds, news }) =>
      fc.tuple(
        fc.constant(news),
        fc.array(
          fc.uniqueArray(fc.integer({ min: 0, max: news - 1 }), { minLength: 1, maxLength: news }).chain((targets) =>
            fc.tuple(fc.constant(targets), fc.array(fc.integer({ min: 1, max: 10 }), { minLength: targets.length, maxLength: targets.length })),
          ),
          { minLength: olds, maxLength: olds },
        ),
      ),
    )
    .map(([news, olds]) => [
      ...Array.from({ length: news }, (_, i) => commune(`N${i}`, { validFrom: '2025-07-01' })),
      ...olds.map(([targets, weights], i) => {
        const total = weights.reduce((a, b) => a + b, 0);
        return commune(`O${i}`, { validTo: '2025-06-30', successors: targets.map((t, k) => ({ unitId: `N${t}`, on: '2025-07-01', share: weights[k]! / total })) });
      }),
    ]);

  it('gives each new unit exactly the old units whose data whereDataBelongs sends to it, with the same shares', () => {
    fc.assert(
      fc.property(reform, (units) => {
        const hierarchy = new OrgUnitHierarchy(units);
        for (const unit of units.filter((u) => u.validFrom)) {
          const forward = units
            .filter((u) => u.validTo)
            .flatMap((old) => hierarchy.whereDataBelongs(old.id, '2025-07-01').filter((d) => d.unitId === unit.id).map((d) => ({ unitId: old.id, share: d.share })))
            .sort((a, b) => a.unitId.localeCompare(b.unitId));
          expect(hierarchy.predecessorsOn(unit.id, '2025-06-30')).toEqual(forward);
        }
      }),
    );
  });
});
