import { OfficialRole } from './official-tokens';

// Roles as officials call them: a refusal in Vietnamese names "cán bộ thẩm định", not the code "reviewer".
const ROLE_NAMES_VI: Record<OfficialRole, string> = {
  admin: 'quản trị viên',
  reviewer: 'cán bộ thẩm định',
  'unit-officer': 'cán bộ đơn vị',
  'national-admin': 'quản trị viên cấp quốc gia',
};

/** Roles in Vietnamese words, joined by "hoặc"; a code not (yet) named stays as it is. */
export function rolesInVietnamese(roles: readonly string[]): string {
  return roles.map((r) => ROLE_NAMES_VI[r as OfficialRole] ?? r).join(' hoặc ');
}
