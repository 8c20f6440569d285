import { isNationalAdmin } from '@dtp/platform';
import { forbidden } from './auth-problems';
import { Principal, unitOf } from './principal';

/** Everyone works within their own province; a national administrator in every province. */
export function assertProvince(principal: Principal, provinceCode: string): void {
  if (isNationalAdmin(principal)) return;
  if (principal.provinceCode !== provinceCode) {
    throw forbidden(`province ${provinceCode} is not yours (you belong to ${principal.provinceCode})`, `tỉnh ${provinceCode} không thuộc phạm vi của bạn`);
  }
}

/** The province a caller's by-id operations are confined to; undefined for a national administrator (all). */
export function provinceScope(principal: Principal): string | undefined {
  return isNationalAdmin(principal) ? undefined : principal.provinceCode;
}

/** The unit a write is for: the caller's own; naming another unit is refused, never silently corrected. */
export function writingUnit(principal: Principal, claimed: { provinceCode?: string; unitCode?: string }): { provinceCode: string; unitCode: string } {
  const own = unitOf(principal);
  if (!own) throw forbidden('only a unit (its API key or its officers) submits reports', 'chỉ đơn vị báo cáo (khoá API hoặc cán bộ của đơn vị) được gửi báo cáo');
  if ((claimed.provinceCode && claimed.provinceCode !== own.provinceCode) || (claimed.unitCode && claimed.unitCode !== own.unitCode)) {
    throw forbidden(
      `these credentials write for unit ${own.unitCode} of province ${own.provinceCode} only, not ${claimed.unitCode ?? own.unitCode} of ${claimed.provinceCode ?? own.provinceCode}`,
      `thông tin xác thực này chỉ được gửi báo cáo cho đơn vị ${own.unitCode}`,
    );
  }
  return own;
}

/** Reading a unit's report: the unit itself, or officials of its province. */
export function assertCanRead(principal: Principal, owner: { provinceCode: string; unitCode: string }): void {
  const own = unitOf(principal);
  if (principal.kind === 'unit' || (own && !principal.roles.some((r) => r === 'admin' || r === 'reviewer'))) {
    if (own?.provinceCode === owner.provinceCode && own.unitCode === owner.unitCode) return;
    throw forbidden('a unit reads only its own reports', 'đơn vị chỉ được xem báo cáo của chính mình');
  }
  assertProvince(principal, owner.provinceCode);
}
