import { Body, Controller, Delete, Get, HttpCode, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsEmail, IsOptional, Matches } from 'class-validator';
import { ApiProblemResponses, CurrentOfficial, OfficialPrincipal, Roles } from '@dtp/platform';
import { SubscribersService } from './subscribers.service';

export class SubscriptionDto {
  @ApiPropertyOptional({ example: 'lanh.dao@langson.gov.vn', description: 'Also by e-mail to this address' })
  @IsOptional()
  @IsEmail()
  email?: string;

  @ApiPropertyOptional({ type: [String], example: ['CDS-2025'], description: 'Programme codes; empty or absent: all' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { each: true })
  programmes?: string[];
}

@ApiTags('subscriptions')
@ApiBearerAuth()
@Controller('api/v1/subscriptions/me')
export class SubscriptionsController {
  constructor(private readonly subscribers: SubscribersService) {}

  @Get()
  @Roles('admin', 'reviewer', 'unit-officer')
  @ApiOperation({ summary: 'Your subscription to target status changes (404 when none)' })
  @ApiProblemResponses(401, 404)
  async get(@CurrentOfficial() official: OfficialPrincipal) {
    return (await this.subscribers.of(official.provinceCode, official.username)) ?? { programmes: [], subscribed: false };
  }

  @Put()
  @Roles('admin', 'reviewer', 'unit-officer')
  @ApiOperation({ summary: 'Hear when a programme’s target is newly achieved or missed: inbox, and e-mail if given' })
  @ApiOkResponse({ type: SubscriptionDto })
  @ApiProblemResponses(400, 401)
  async save(@Body() dto: SubscriptionDto, @CurrentOfficial() official: OfficialPrincipal) {
    return this.subscribers.save(official.provinceCode, official.username, { programmes: dto.programmes ?? [], ...(dto.email ? { email: dto.email } : {}) });
  }

  @Delete()
  @HttpCode(204)
  @Roles('admin', 'reviewer', 'unit-officer')
  @ApiOperation({ summary: 'Stop hearing of target status changes' })
  async remove(@CurrentOfficial() official: OfficialPrincipal): Promise<void> {
    await this.subscribers.remove(official.provinceCode, official.username);
  }
}
