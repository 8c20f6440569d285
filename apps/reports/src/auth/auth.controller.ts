import { Body, Controller, Delete, Get, Header, HttpCode, Ip, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses, isNationalAdmin, OfficialTokens, refusal } from '@dtp/platform';
import { SecretAnswer } from '../idempotency/secret-answer.decorator';
import { Access, Public } from './access.decorator';
import { ApiKeysService } from './api-keys.service';
import { CurrentPrincipal } from './current-principal.decorator';
import { forbidden } from './auth-problems';
import { assertProvince, provinceScope } from './scope';
import { ApiKeyViewDto, CreateUserDto, USERNAME, IssueApiKeyDto, IssuedKeyDto, RotateApiKeyDto, TokenRequestDto, TokenResponseDto, UserViewDto } from './dto/auth.dto';
import { actorName, Principal } from './principal';
import { UsersService } from './users.service';
import { SignInLimits } from '../limits/sign-in-limits.service';
import { retryAfterOn } from '../limits/too-many-requests';

@ApiTags('auth')
@Controller('api/v1')
export class AuthController {
  constructor(
    private readonly users: UsersService,
    private readonly tokens: OfficialTokens,
    private readonly keys: ApiKeysService,
    private readonly signIns: SignInLimits,
  ) {}

  @Post('auth/token')
  @Public()
  @HttpCode(200)
  // A bearer credential: no browser, proxy or CDN may keep a copy (RFC 6749 §5.1).
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Sign in as an official: a signed token for Authorization: Bearer' })
  @ApiOkResponse({ type: TokenResponseDto })
  @ApiProblemResponses(400, 401, 503)
  @ApiResponse({
    status: 429,
    description: 'Too many failed sign-ins for this username or from this address (whether or not the user exists): locked until Retry-After seconds have passed or an administrator unlocks the account',
    headers: { 'Retry-After': { description: 'Seconds until the lock ends', schema: { type: 'integer' } } },
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } } },
  })
  async token(@Body() body: TokenRequestDto, @Ip() address: string, @Res({ passthrough: true }) reply: { header(name: string, value: string): unknown }): Promise<TokenResponseDto> {
    const principal = await this.signIns.guard({ username: body.username, address }, () => this.users.authenticate(body.username, body.password)).catch(retryAfterOn(reply));
    if (principal.kind !== 'official') throw new Error('unreachable: users are officials');
    return { accessToken: await this.tokens.issue(principal), expiresIn: this.tokens.ttlSeconds };
  }

  @Post('users')
  @Access({ roles: ['admin'] })
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Create an official (admin)' })
  @ApiCreatedResponse({ type: UserViewDto })
  @ApiProblemResponses(400, 401, 403)
  createUser(@Body() body: CreateUserDto, @CurrentPrincipal() admin: Principal) {
    assertProvince(admin, body.provinceCode);
    // A province's administrator cannot make anyone, themselves included, administrator of every province.
    if (body.roles.includes('national-admin') && !isNationalAdmin(admin)) throw forbidden('only a national administrator grants the role national-admin', 'chỉ quản trị viên cấp quốc gia được cấp vai trò quản trị viên cấp quốc gia');
    return this.users.create(body);
  }

  @Post('users/:username/unlock')
  @Access({ roles: ['admin'] })
  @ApiBearerAuth()
  @HttpCode(204)
  @ApiOperation({ summary: 'Lift the sign-in lock of an official of your province and forget their failed attempts (admin)' })
  @ApiParam({ name: 'username', example: 'nguyen.van.a' })
  @ApiNoContentResponse({ description: 'Unlocked: the official may sign in again at once' })
  @ApiProblemResponses(400, 401, 403, 404, 503)
  async unlockUser(@Param('username') username: string, @CurrentPrincipal() admin: Principal): Promise<void> {
    if (!USERNAME.test(username)) {
      const problem = { field: 'username', message: 'username: 3–64 of a-z 0-9 . _ -', messageVi: 'tên đăng nhập: từ 3 đến 64 ký tự a-z 0-9 . _ -' };
      throw refusal(400, 'validation', problem.message, problem.messageVi, [problem]);
    }
    await this.users.assertInProvince(username, admin.provinceCode);
    await this.signIns.unlock(username);
  }

  @Post('api-keys')
  @Access({ roles: ['admin'] })
  // The key is shown once, and only to whoever asked.
  @Header('Cache-Control', 'no-store')
  @ApiBearerAuth()
  @SecretAnswer('key')
  @ApiOperation({ summary: 'Issue an API key for a unit’s system (admin); the key is shown once, even to a retry with the same Idempotency-Key (409)' })
  @ApiCreatedResponse({ type: IssuedKeyDto })
  @ApiProblemResponses(400, 401, 403, 409, 422, 503)
  issueKey(@Body() body: IssueApiKeyDto, @CurrentPrincipal() admin: Principal): Promise<IssuedKeyDto> {
    assertProvince(admin, body.provinceCode);
    return this.keys.issue({ provinceCode: body.provinceCode, unitCode: body.unitCode }, futureDate(body.expiresAt), actorName(admin));
  }

  @Post('api-keys/:id/rotate')
  @Access({ roles: ['admin'] })
  @Header('Cache-Control', 'no-store')
  @ApiBearerAuth()
  @SecretAnswer('key')
  @ApiOperation({ summary: 'Replace a key of the admin’s province by a new one; the old one stops working at once (admin); the new key is shown once; another province’s key is answered 404' })
  @ApiCreatedResponse({ type: IssuedKeyDto })
  @ApiProblemResponses(400, 401, 403, 404, 409, 422, 503)
  rotateKey(@Param('id') id: string, @Body() body: RotateApiKeyDto, @CurrentPrincipal() admin: Principal): Promise<IssuedKeyDto> {
    return this.keys.rotate(id, futureDate(body.expiresAt), actorName(admin), provinceScope(admin));
  }

  @Delete('api-keys/:id')
  @Access({ roles: ['admin'] })
  @ApiBearerAuth()
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a key of the admin’s province (admin); another province’s key is answered 404' })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiProblemResponses(401, 403, 404)
  revokeKey(@Param('id') id: string, @CurrentPrincipal() admin: Principal): Promise<void> {
    return this.keys.revoke(id, provinceScope(admin));
  }

  @Get('api-keys/:provinceCode/:unitCode')
  @Access({ roles: ['admin'] })
  @ApiBearerAuth()
  @ApiOperation({ summary: 'A unit’s keys, without their secrets (admin)' })
  @ApiOkResponse({ type: [ApiKeyViewDto] })
  @ApiProblemResponses(401, 403)
  listKeys(@Param('provinceCode') provinceCode: string, @Param('unitCode') unitCode: string, @CurrentPrincipal() admin: Principal) {
    assertProvince(admin, provinceCode);
    return this.keys.listForUnit(provinceCode, unitCode);
  }
}

function futureDate(iso: string): Date {
  const date = new Date(iso);
  if (date.getTime() <= Date.now()) {
    const problem = { field: 'expiresAt', message: 'expiresAt must be in the future', messageVi: 'expiresAt: phải là thời điểm trong tương lai' };
    throw refusal(400, 'validation', problem.message, problem.messageVi, [problem]);
  }
  return date;
}
