import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { unauthorized } from './auth-problems';
import { Principal, ROLES, Role } from './principal';

interface OfficialClaims {
  sub: string;
  roles: Role[];
  province: string;
  unit?: string;
}

/** Signed tokens (HS256 JWT) for officials; the signing secret comes from JWT_SECRET. */
export const TOKEN_TTL_SECONDS = Symbol('TOKEN_TTL_SECONDS');

@Injectable()
export class TokensService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(TOKEN_TTL_SECONDS) readonly ttlSeconds: number,
  ) {}

  issue(principal: Extract<Principal, { kind: 'official' }>): Promise<string> {
    const claims: OfficialClaims = { sub: principal.username, roles: principal.roles, province: principal.provinceCode, ...(principal.unitCode ? { unit: principal.unitCode } : {}) };
    return this.jwt.signAsync(claims);
  }

  async verify(token: string): Promise<Principal> {
    let claims: OfficialClaims;
    try {
      claims = await this.jwt.verifyAsync<OfficialClaims>(token, { algorithms: ['HS256'] });
    } catch (error) {
      const expired = (error as Error).name === 'TokenExpiredError';
      throw expired ? unauthorized('the token has expired; sign in again', 'phiên đăng nhập đã hết hạn; vui lòng đăng nhập lại') : unauthorized('the token is not valid', 'mã đăng nhập không hợp lệ');
    }
    const roles = (claims.roles ?? []).filter((r): r is Role => (ROLES as readonly string[]).includes(r));
    return { kind: 'official', username: claims.sub, roles, provinceCode: claims.province, ...(claims.unit ? { unitCode: claims.unit } : {}) };
  }
}
