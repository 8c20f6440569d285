import { OrgUnit } from '../units/org-unit';
import { OrgUnitHierarchy } from '../units/org-unit-hierarchy';
import { referenceUnits } from '../units/reference-units';
import { aggregateInHierarchy, reportingUnitsUnder } from './aggregate-in-hierarchy';
import { IndicatorDefinition } from './indicator';

/** Fictional test communes under district 180, moving to the province when districts end. */
const communes: OrgUnit[] = ['C1', 'C2'].map((id) => ({
  id,
  name: `Xã thử nghiệm ${id}`,
  level: 'commune',
  parents: [{ parentId: '180', to: '2025-06-30' }, { parentId: '20', from: '2025-07-01' }],
  successors: [],
}));
const hierarchy = new OrgUnitHierarchy([...referenceUnits(), ...communes]);
const bts: IndicatorDefinition = { code: 'BTS', nameVi: 'Trạm BTS', nameEn: 'BTS stations', unitOfMeasure: 'trạm', kind: 'count', direction: 'higher-is-better', reportedBy: ['district', 'commune'] };

describe('aggregating within the hierarchy of a date', () => {
  it('takes the finest reporting units: communes under district 180, districts elsewhere', () => {
    const units = reportingUnitsUnder(hierarchy, bts, '20', '2024-12-14');
    expect(units).toContain('C1');
    expect(units).toContain('181');
    expect(units).not.toContain('180');
    expect(units).toHaveLength(12);
  });

  it('does not add a district’s own figure to its communes’', () => {
    const values = [
      { unitId: '180', value: { value: 100 } },
      { unitId: 'C1', value: { value: 60 } },
      { unitId: 'C2', value: { value: 40 } },
      { unitId: '181', value: { value: 7 } },
    ];
    expect(aggregateInHierarchy(hierarchy, bts, '20', '2024-12-14', values)).toMatchObject({ value: 107, reported: 3, expected: 12 });
    expect(aggregateInHierarchy(hierarchy, bts, '180', '2024-12-14', values)).toMatchObject({ value: 100, reported: 2, expected: 2 });
  });

  it('uses the two-tier hierarchy after 1/7/2025: communes directly under the province', () => {
    expect(reportingUnitsUnder(hierarchy, bts, '20', '2025-12-14')).toEqual(['C1', 'C2']);
  });
});
