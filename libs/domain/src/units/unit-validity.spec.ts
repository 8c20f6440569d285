import { OrgUnit } from './org-unit';
import { OrgUnitHierarchy } from './org-unit-hierarchy';
import { unitReportingRefusal } from './unit-validity';

// A province whose district is abolished on 30/6/2025 and whose commune exists from 1/7/2025.
const units: OrgUnit[] = [
  { id: 'P', name: 'Tỉnh', level: 'province', parents: [], successors: [] },
  { id: 'D', name: 'Huyện cũ', level: 'district', validTo: '2025-06-30', parents: [{ parentId: 'P' }], successors: [{ unitId: 'C', on: '2025-07-01', share: 1 }] },
  { id: 'C', name: 'Xã mới', level: 'commune', validFrom: '2025-07-01', parents: [{ parentId: 'P' }], successors: [] },
  { id: 'Q', name: 'Tỉnh khác', level: 'province', parents: [], successors: [] },
];
const hierarchy = new OrgUnitHierarchy(units);

describe('unitReportingRefusal: who may report for a province on a period’s cut-off', () => {
  it('lets a unit report while it exists in the province', () => {
    expect(unitReportingRefusal(hierarchy, 'D', 'P', '2025-06-14')).toBeUndefined();
    expect(unitReportingRefusal(hierarchy, 'C', 'P', '2025-12-14')).toBeUndefined();
    expect(unitReportingRefusal(hierarchy, 'P', 'P', '2025-12-14')).toBeUndefined();
  });

  it('refuses a district abolished before the cut-off, naming its dates in both languages', () => {
    expect(unitReportingRefusal(hierarchy, 'D', 'P', '2025-12-14')).toEqual({
      code: 'unit-not-valid',
      detail: 'unit D (Huyện cũ) exists to 2025-06-30; the period\'s figures are as of 2025-12-14, outside that',
      detailVi: 'đơn vị D (Huyện cũ) chỉ tồn tại đến ngày 30/06/2025; số liệu của kỳ báo cáo chốt ngày 14/12/2025, ngoài thời gian đó',
    });
    expect(unitReportingRefusal(hierarchy, 'C', 'P', '2025-06-14')?.code).toBe('unit-not-valid');
  });

  it('refuses a unit in no list, and one of another province', () => {
    expect(unitReportingRefusal(hierarchy, 'NOWHERE', 'P', '2025-12-14')?.code).toBe('unknown-unit');
    expect(unitReportingRefusal(hierarchy, 'C', 'Q', '2025-12-14')?.code).toBe('unit-outside-province');
  });
});
