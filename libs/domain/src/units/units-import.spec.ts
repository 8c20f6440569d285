import { OrgUnitHierarchy } from './org-unit-hierarchy';
import { referenceUnits } from './reference-units';
import { parseCsv, UnitsImportError, unitsFromCsv } from './units-import';

const HEADER = 'id,officialCode,name,level,validFrom,validTo,parentId,parentFrom,parentTo,successors';

describe('importing units from CSV', () => {
  it('reads quoted fields, a BOM and CRLF line ends', () => {
    expect(parseCsv('\uFEFFa,"b, with comma","say ""hi"""\r\n1,2,3\r\n\r\n')).toEqual([
      ['a', 'b, with comma', 'say "hi"'],
      ['1', '2', '3'],
    ]);
  });

  it('builds units with parent links over time and successors, names in NFC', () => {
    const csv = [
      HEADER,
      `T1,,${'Xã thử nghiệm 1'.normalize('NFD')},commune,,2025-06-30,180,,,"T3"`,
      'T2,,"Xã thử nghiệm 2",commune,,,180,,2025-06-30,',
      'T2,,,,,,20,2025-07-01,,',
      'T3,,Xã thử nghiệm 3,commune,2025-07-01,,20,,,',
    ].join('\n');
    const units = unitsFromCsv(csv);
    const hierarchy = new OrgUnitHierarchy([...referenceUnits(), ...units]);
    expect(hierarchy.get('T1').name).toBe('Xã thử nghiệm 1');
    expect(hierarchy.get('T1').successors).toEqual([{ unitId: 'T3', on: '2025-07-01', share: 1 }]);
    expect(hierarchy.ancestorsOn('T2', '2026-01-01').map((u) => u.id)).toEqual(['20']);
    expect(hierarchy.whereDataBelongs('T1', '2026-01-01')).toEqual([{ unitId: 'T3', share: 1 }]);
  });

  it('refuses a file with problems, naming row and column in English and Vietnamese, keeping nothing', () => {
    const csv = [HEADER, 'bad id,,X,commune,,,,,,', 'T1,,,village,2024-02-30,,,,,', 'T2,,Y,commune,,,,,,T9:abc', 'T3,,Z,commune,,,,,,'].join('\n');
    let error: UnitsImportError | undefined;
    try {
      unitsFromCsv(csv);
    } catch (e) {
      error = e as UnitsImportError;
    }
    expect(error?.problems).toEqual([
      { row: 2, column: 'id', message: '"bad id" is not a code of letters, digits, _ and -', messageVi: '"bad id" không phải mã hợp lệ' },
      { row: 3, column: 'validFrom', message: '"2024-02-30" is not a date (YYYY-MM-DD)', messageVi: '"2024-02-30" không phải ngày (YYYY-MM-DD)' },
      { row: 3, column: 'name', message: 'name is empty', messageVi: 'tên đơn vị trống' },
      { row: 3, column: 'level', message: '"village" is not one of province, department, district, commune', messageVi: '"village" không phải cấp hợp lệ' },
      { row: 4, column: 'successors', message: 'share "abc" is not a number', messageVi: 'tỷ lệ "abc" không phải số' },
      { row: 4, column: 'successors', message: 'successors need validTo', messageVi: 'đơn vị kế thừa cần ngày hết hiệu lực' },
    ]);
  });

  it('refuses a file without the expected columns', () => {
    expect(() => unitsFromCsv('id,name\nA,B')).toThrow('missing columns: officialCode, level, validFrom, validTo, parentId, parentFrom, parentTo, successors');
  });

  it('refuses a repeated id without a parent link', () => {
    expect(() => unitsFromCsv([HEADER, 'T1,,A,commune,,,,,,', 'T1,,,,,,,,,'].join('\n'))).toThrow('T1 is repeated without a parent link');
  });
});
