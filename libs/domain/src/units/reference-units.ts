import { OrgUnit } from './org-unit';

/**
 * Reference data: Lạng Sơn (20) and Hà Tĩnh (42) with their district-level units and official
 * administrative codes (statistics office list, as in DOMAIN.md). District-level units end on
 * 30/6/2025, when two-tier local government abolished the level; their data then belongs to the
 * province. Commune-level units are imported as data (units-import.ts), never written here.
 */
export const DISTRICT_LEVEL_ABOLISHED_ON = '2025-07-01';
const LAST_DAY_OF_DISTRICTS = '2025-06-30';

const PROVINCES: Array<{ code: string; name: string; districts: Array<[string, string]> }> = [
  {
    code: '20',
    name: 'Lạng Sơn',
    districts: [
      ['178', 'Thành phố Lạng Sơn'],
      ['180', 'Tràng Định'],
      ['181', 'Bình Gia'],
      ['182', 'Văn Lãng'],
      ['183', 'Cao Lộc'],
      ['184', 'Văn Quan'],
      ['185', 'Bắc Sơn'],
      ['186', 'Hữu Lũng'],
      ['187', 'Chi Lăng'],
      ['188', 'Lộc Bình'],
      ['189', 'Đình Lập'],
    ],
  },
  {
    code: '42',
    name: 'Hà Tĩnh',
    districts: [
      ['436', 'Thành phố Hà Tĩnh'],
      ['437', 'Thị xã Hồng Lĩnh'],
      ['439', 'Hương Sơn'],
      ['440', 'Đức Thọ'],
      ['441', 'Vũ Quang'],
      ['442', 'Nghi Xuân'],
      ['443', 'Can Lộc'],
      ['444', 'Hương Khê'],
      ['445', 'Thạch Hà'],
      ['446', 'Cẩm Xuyên'],
      ['447', 'Kỳ Anh'],
      ['448', 'Lộc Hà'],
      ['449', 'Thị xã Kỳ Anh'],
    ],
  },
];

export function referenceUnits(): OrgUnit[] {
  return PROVINCES.flatMap((p) => [
    { id: p.code, officialCode: p.code, name: p.name, level: 'province' as const, parents: [], successors: [] },
    ...p.districts.map(([code, name]) => ({
      id: code,
      officialCode: code,
      name,
      level: 'district' as const,
      validTo: LAST_DAY_OF_DISTRICTS,
      parents: [{ parentId: p.code }],
      successors: [],
    })),
  ]);
}
