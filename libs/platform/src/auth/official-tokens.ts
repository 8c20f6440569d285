import { JwtService } from '@nestjs/jwt';
import { refusal } from '../errors/problem';

/**
 * - `admin`: the provincial standing agency's administrators (forms, keys, users, catalog).
 * - `reviewer`: officials who return and approve reports.
 * - `unit-officer`: an official of one unit, filling its forms by hand.
 * - `national-admin`: the national administrators, for what crosses provinces (units of several
 *   provinces, every province's dead letters); their token needs no province.
 */
export const OFFICIAL_ROLES = ['admin', 'reviewer', 'unit-officer', 'national-admin'] as const;
export type OfficialRole = (typeof OFFICIAL_ROLES)[number];

/** Crosses provinces: a national administrator is every province's administrator too. */
export function isNationalAdmin(official: { kind: string; roles?: readonly string[] }): boolean {
  return official.kind === 'official' && (official.roles ?? []).includes('national-admin');
}

/** Whether an official holds one of the roles a route names; a national administrator holds them all. */
export function hasOneOfRoles(official: OfficialPrincipal, roles: readonly OfficialRole[]): boolean {
  return isNationalAdmin(official) || roles.some((r) => official.roles.includes(r));
}

export interface OfficialPrincipal {
  kind: 'official';
  username: string;
  roles: OfficialRole[];
  /** Empty for a national administrator whose token names no province. */
  provinceCode: string;
  unitCode?: string;
}

interface OfficialClaims {
  sub: string;
  roles: string[];
  province?: string;
  unit?: string;
}

/**
 * Officials' signed tokens (HS256 JWT). The reports service issues them; every service that
 * shares JWT_SECRET verifies them, so one sign-in serves the whole platform.
 */
export class OfficialTokens {
  private readonly jwt: JwtService;

  constructor(secret: string, readonly ttlSeconds: number) {
    this.jwt = new JwtService({ secret, signOptions: { algorithm: 'HS256', expiresIn: ttlSeconds } });
  }

  issue(principal: OfficialPrincipal): Promise<string> {
    const claims: OfficialClaims = { sub: principal.username, roles: principal.roles, ...(principal.provinceCode ? { province: principal.provinceCode } : {}), ...(principal.unitCode ? { unit: principal.unitCode } : {}) };
    return this.jwt.signAsync(claims);
  }

  async verify(token: string): Promise<OfficialPrincipal> {
    let claims: OfficialClaims;
    try {
      claims = await this.jwt.verifyAsync<OfficialClaims>(token, { algorithms: ['HS256'] });
    } catch (error) {
      if ((error as Error).name === 'TokenExpiredError') throw refusal(401, 'unauthorized', 'the token has expired; sign in again', 'phiên đăng nhập đã hết hạn; vui lòng đăng nhập lại');
      throw refusal(401, 'unauthorized', 'the token is not valid', 'mã đăng nhập không hợp lệ');
    }
    const roles = (claims.roles ?? []).filter((r): r is OfficialRole => (OFFICIAL_ROLES as readonly string[]).includes(r));
    // Only a national administrator acts without a province; any other token without one is refused.
    if (!claims.province && !roles.includes('national-admin')) throw refusal(401, 'unauthorized', 'the token names no province', 'mã đăng nhập không ghi tỉnh');
    return { kind: 'official', username: claims.sub, roles, provinceCode: claims.province ?? '', ...(claims.unit ? { unitCode: claims.unit } : {}) };
  }
}

export function bearerToken(authorization: string | undefined): string | undefined {
  return authorization ? /^Bearer\s+(\S+)$/i.exec(authorization)?.[1] : undefined;
}
