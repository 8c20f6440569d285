import { JwtService } from '@nestjs/jwt';
import { hasOneOfRoles, isNationalAdmin, OfficialPrincipal, OfficialTokens } from './official-tokens';
import { assertOfficialProvince } from './current-official';

const SECRET = 'platform-test-secret-long-enough-for-hs256';
const official = (roles: OfficialPrincipal['roles'], provinceCode = '20'): OfficialPrincipal => ({ kind: 'official', username: 'someone', roles, provinceCode });

describe('officials’ roles and provinces', () => {
  it('lets a national administrator into every province and every role, and nobody else', () => {
    const national = official(['national-admin'], '');
    expect(isNationalAdmin(national)).toBe(true);
    expect(hasOneOfRoles(national, ['admin'])).toBe(true);
    expect(() => assertOfficialProvince(national, '42')).not.toThrow();
    const admin = official(['admin']);
    expect(isNationalAdmin(admin)).toBe(false);
    expect(hasOneOfRoles(admin, ['reviewer'])).toBe(false);
    expect(() => assertOfficialProvince(admin, '42')).toThrow('province 42 is not yours');
    expect(isNationalAdmin({ kind: 'unit', roles: ['national-admin'] })).toBe(false);
  });

  it('carries a national administrator without a province through a token, and refuses any other token without one', async () => {
    const tokens = new OfficialTokens(SECRET, 60);
    expect(await tokens.verify(await tokens.issue(official(['national-admin'], '')))).toEqual({ kind: 'official', username: 'someone', roles: ['national-admin'], provinceCode: '' });
    const provinceless = await new JwtService({ secret: SECRET }).signAsync({ sub: 'someone', roles: ['admin'] });
    await expect(tokens.verify(provinceless)).rejects.toMatchObject({ problem: { status: 401, detail: 'the token names no province' } });
  });
});
