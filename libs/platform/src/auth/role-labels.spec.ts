import { OFFICIAL_ROLES } from './official-tokens';
import { rolesInVietnamese } from './role-labels';

describe('roles in Vietnamese', () => {
  it('names each role in words, joined by "hoặc", never by its code', () => {
    expect(rolesInVietnamese(['admin', 'reviewer'])).toBe('quản trị viên hoặc cán bộ thẩm định');
    expect(rolesInVietnamese(['unit-officer'])).toBe('cán bộ đơn vị');
    for (const role of OFFICIAL_ROLES) expect(rolesInVietnamese([role])).not.toContain(role);
  });

  it('keeps a role it has no name for as it is, rather than dropping it', () => {
    expect(rolesInVietnamese(['reviewer', 'auditor'])).toBe('cán bộ thẩm định hoặc auditor');
  });
});
