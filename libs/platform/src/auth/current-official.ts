import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { refusal } from '../errors/problem';
import { isNationalAdmin, OfficialPrincipal } from './official-tokens';

/** The official the OfficialsGuard let in (routes with @Roles only). */
export const CurrentOfficial = createParamDecorator((_: unknown, context: ExecutionContext): OfficialPrincipal => {
  const official = context.switchToHttp().getRequest<{ official?: OfficialPrincipal }>().official;
  if (!official) throw refusal(401, 'unauthorized', 'send an official’s token (Authorization: Bearer)', 'cần mã đăng nhập của cán bộ (Authorization: Bearer)');
  return official;
});

/** Officials act within their own province only; a national administrator in every province. */
export function assertOfficialProvince(official: OfficialPrincipal, provinceCode: string): void {
  if (isNationalAdmin(official)) return;
  if (official.provinceCode !== provinceCode) throw refusal(403, 'forbidden', `province ${provinceCode} is not yours`, `tỉnh ${provinceCode} không thuộc phạm vi của bạn`);
}
