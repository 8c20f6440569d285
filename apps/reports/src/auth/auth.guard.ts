import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { bearerToken, hasOneOfRoles, OfficialTokens, PUBLIC_ROUTE, rolesInVietnamese } from '@dtp/platform';
import { ACCESS, AccessRule } from './access.decorator';
import { ApiKeysService } from './api-keys.service';
import { forbidden, unauthorized } from './auth-problems';
import { Principal, unitOf } from './principal';

export interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  principal?: Principal;
}

/**
 * Every HTTP route is closed unless its @Access rule opens it: a unit key (`X-API-Key`) or an
 * official's token (`Authorization: Bearer`), then the rule's check. Refusals are 401 (who are
 * you?) or 403 (not you), each with the reason.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeysService,
    private readonly tokens: OfficialTokens,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS, [context.getHandler(), context.getClass()]);
    if (rule?.public || this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = await this.authenticate(request);
    request.principal = principal;
    if (!rule) throw forbidden('this operation is not open to any caller', 'thao tác này không được phép');
    if (principal.kind === 'unit') {
      if (rule.units) return true;
      throw forbidden('a unit’s API key cannot do this; an official must', 'khoá API của đơn vị không được thực hiện thao tác này');
    }
    if (rule.roles && hasOneOfRoles(principal, rule.roles)) return true;
    // A unit officer acts as their unit where units may.
    if (rule.units && unitOf(principal)) return true;
    const needed = [...(rule.roles ?? []), ...(rule.units ? ['unit-officer'] : [])];
    throw forbidden(`this needs the role ${needed.join(' or ')}`, `thao tác này cần vai trò ${rolesInVietnamese(needed)}`);
  }

  private authenticate(request: AuthenticatedRequest): Promise<Principal> {
    const authorization = header(request, 'authorization');
    // DHIS2 clients send personal access tokens as `Authorization: ApiToken …`; a unit key works there too.
    const key = header(request, 'x-api-key') ?? (authorization && /^ApiToken\s+(\S+)$/i.exec(authorization)?.[1]);
    if (key) return this.keys.authenticate(key);
    const bearer = bearerToken(authorization);
    if (bearer) return this.tokens.verify(bearer);
    return Promise.reject(unauthorized('send an API key (X-API-Key) or a token (Authorization: Bearer)', 'cần khoá API (X-API-Key) hoặc mã đăng nhập (Authorization: Bearer)'));
  }
}

function header(request: AuthenticatedRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
