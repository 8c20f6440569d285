import { OFFICIAL_ROLES, OfficialPrincipal, OfficialRole } from '@dtp/platform';

/** Who is calling: a unit's system (API key) or an official (signed token, libs/platform). */
export type Principal = { kind: 'unit'; keyId: string; provinceCode: string; unitCode: string } | OfficialPrincipal;

export const ROLES = OFFICIAL_ROLES;
export type Role = OfficialRole;

/** The unit a principal may write for, if any: a key's unit, or a unit officer's. */
export function unitOf(principal: Principal): { provinceCode: string; unitCode: string } | undefined {
  if (principal.kind === 'unit') return { provinceCode: principal.provinceCode, unitCode: principal.unitCode };
  if (principal.roles.includes('unit-officer') && principal.unitCode) return { provinceCode: principal.provinceCode, unitCode: principal.unitCode };
  return undefined;
}

export function actorName(principal: Principal): string {
  return principal.kind === 'unit' ? `key:${principal.keyId}` : `user:${principal.username}`;
}
