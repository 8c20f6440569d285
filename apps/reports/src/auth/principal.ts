/** Who is calling: a unit's system (API key) or an official (signed token). */
export type Principal =
  | { kind: 'unit'; keyId: string; provinceCode: string; unitCode: string }
  | { kind: 'official'; username: string; roles: Role[]; provinceCode: string; unitCode?: string };

/**
 * - `admin`: the provincial standing agency's administrators: forms, keys, users.
 * - `reviewer`: officials who return and approve reports.
 * - `unit-officer`: an official of one unit, filling its forms by hand.
 */
export const ROLES = ['admin', 'reviewer', 'unit-officer'] as const;
export type Role = (typeof ROLES)[number];

/** The unit a principal may write for, if any: a key's unit, or a unit officer's. */
export function unitOf(principal: Principal): { provinceCode: string; unitCode: string } | undefined {
  if (principal.kind === 'unit') return { provinceCode: principal.provinceCode, unitCode: principal.unitCode };
  if (principal.roles.includes('unit-officer') && principal.unitCode) return { provinceCode: principal.provinceCode, unitCode: principal.unitCode };
  return undefined;
}

export function actorName(principal: Principal): string {
  return principal.kind === 'unit' ? `key:${principal.keyId}` : `user:${principal.username}`;
}
