import { CanActivate, ExecutionContext, Inject, Injectable, Provider, SetMetadata } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { Reflector } from '@nestjs/core';
import { refusal } from '../errors/problem';
import { PUBLIC_ROUTE } from '../health/public-route';
import { bearerToken, hasOneOfRoles, OFFICIAL_ROLES, OfficialPrincipal, OfficialRole, OfficialTokens } from './official-tokens';
import { rolesInVietnamese } from './role-labels';

export const OFFICIAL_TOKENS = Symbol('OFFICIAL_TOKENS');
/** Where @Roles keeps the roles a route needs (none: an open read). */
export const ROLES_METADATA = 'dtp:roles';

/** The roles an official needs for a route. */
export const Roles = (...roles: OfficialRole[]) => SetMetadata(ROLES_METADATA, roles);

/**
 * A read for officials only (which units are late, reminder rules, templates): any official's
 * token. The handler still checks the province (assertOfficialProvince).
 */
export const OfficialsOnly = () => Roles(...OFFICIAL_ROLES);

interface Request {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  official?: OfficialPrincipal;
}

/**
 * For services that officials change and everyone reads: reads are open (published figures of
 * the province) unless @Roles or @OfficialsOnly closes them, every write needs an official's token with one of the roles its @Roles names;
 * a write without @Roles is closed to all. 401 and 403 carry the reason.
 */
@Injectable()
export class OfficialsGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(OFFICIAL_TOKENS) private readonly tokens: OfficialTokens,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<Request>();
    const roles = this.reflector.getAllAndOverride<OfficialRole[] | undefined>(ROLES_METADATA, targets);
    const read = request.method === 'GET' || request.method === 'HEAD';
    if (read && !roles) return true;
    if (!roles) throw refusal(403, 'forbidden', 'this operation is not open to any caller', 'thao tác này không được phép');
    const raw = request.headers['authorization'];
    const token = bearerToken(Array.isArray(raw) ? raw[0] : raw);
    if (!token) throw refusal(401, 'unauthorized', 'send an official’s token (Authorization: Bearer)', 'cần mã đăng nhập của cán bộ (Authorization: Bearer)');
    const official = await this.tokens.verify(token);
    if (!hasOneOfRoles(official, roles)) throw refusal(403, 'forbidden', `this needs the role ${roles.join(' or ')}`, `thao tác này cần vai trò ${rolesInVietnamese(roles)}`);
    request.official = official;
    return true;
  }
}

/**
 * The providers of a service that verifies officials' tokens (issued by reports, signed with the
 * shared JWT_SECRET) and guards every route with them.
 */
export function officialsGuardProviders(jwtSecret: string): Provider[] {
  return [
    { provide: OFFICIAL_TOKENS, useValue: new OfficialTokens(jwtSecret, 3600) },
    { provide: APP_GUARD, useClass: OfficialsGuard },
  ];
}
