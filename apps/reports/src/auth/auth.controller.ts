import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses, OfficialTokens, refusal } from '@dtp/platform';
import { SecretAnswer } from '../idempotency/secret-answer.decorator';
import { Access, Public } from './access.decorator';
import { ApiKeysService } from './api-keys.service';
import { CurrentPrincipal } from './current-principal.decorator';
import { assertProvince } from './scope';
import { ApiKeyViewDto, CreateUserDto, IssueApiKeyDto, IssuedKeyDto, RotateApiKeyDto, TokenRequestDto, TokenResponseDto, UserViewDto } from './dto/auth.dto';
import { actorName, Principal } from './principal';
import { UsersService } from './users.service';

@ApiTags('auth')
@Controller('api/v1')
export class AuthController {
  constructor(
    private readonly users: UsersService,
    private readonly tokens: OfficialTokens,
    private readonly keys: ApiKeysService,
  ) {}

  @Post('auth/token')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in as an official: a signed token for Authorization: Bearer' })
  @ApiOkResponse({ type: TokenResponseDto })
  @ApiProblemResponses(400, 401)
  async token(@Body() body: TokenRequestDto): Promise<TokenResponseDto> {
    const principal = await this.users.authenticate(body.username, body.password);
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
    return this.users.create(body);
  }

  @Post('api-keys')
  @Access({ roles: ['admin'] })
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
  @ApiBearerAuth()
  @SecretAnswer('key')
  @ApiOperation({ summary: 'Replace a key by a new one; the old one stops working at once (admin); the new key is shown once' })
  @ApiCreatedResponse({ type: IssuedKeyDto })
  @ApiProblemResponses(400, 401, 403, 404, 409, 422, 503)
  rotateKey(@Param('id') id: string, @Body() body: RotateApiKeyDto, @CurrentPrincipal() admin: Principal): Promise<IssuedKeyDto> {
    return this.keys.rotate(id, futureDate(body.expiresAt), actorName(admin));
  }

  @Delete('api-keys/:id')
  @Access({ roles: ['admin'] })
  @ApiBearerAuth()
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a key (admin)' })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiProblemResponses(401, 403, 404)
  revokeKey(@Param('id') id: string): Promise<void> {
    return this.keys.revoke(id);
  }

  @Get('api-keys/:provinceCode/:unitCode')
  @Access({ roles: ['admin'] })
  @ApiBearerAuth()
  @ApiOperation({ summary: 'A unit’s keys, without their secrets (admin)' })
  @ApiOkResponse({ type: [ApiKeyViewDto] })
  @ApiProblemResponses(401, 403)
  listKeys(@Param('provinceCode') provinceCode: string, @Param('unitCode') unitCode: string) {
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
