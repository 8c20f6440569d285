import { Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { ApiProblemResponses, CurrentOfficial, OfficialPrincipal, refusal, Roles } from '@dtp/platform';
import { CLOCK, Clock } from '../clock/clock';
import { InboxOwner } from '../deliveries/schemas/delivery.schema';
import { InboxService } from './inbox.service';

export class InboxQueryDto {
  @ApiPropertyOptional({ example: '180', description: 'A unit’s inbox (admins and reviewers: any unit of their province; unit officers: their own); default: yours and your unit’s' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/)
  unit?: string;

  @ApiPropertyOptional({ example: true })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unreadOnly?: boolean;

  @ApiPropertyOptional({ example: 50, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

/** Which inboxes an official reads: their own, their unit's, or (reviewers, admins) a chosen unit's. */
function inboxesOf(official: OfficialPrincipal, unit?: string): InboxOwner[] {
  if (unit) {
    const allowed = official.unitCode === unit || official.roles.some((r) => r === 'admin' || r === 'reviewer');
    if (!allowed) throw refusal(403, 'forbidden', `the inbox of unit ${unit} is not yours`, `hộp thư của đơn vị ${unit} không thuộc phạm vi của bạn`);
    return [{ kind: 'unit', provinceCode: official.provinceCode, id: unit }];
  }
  return [{ kind: 'user', provinceCode: official.provinceCode, id: official.username }, ...(official.unitCode ? [{ kind: 'unit' as const, provinceCode: official.provinceCode, id: official.unitCode }] : [])];
}

@ApiTags('inbox')
@ApiBearerAuth()
@Controller('api/v1/inbox')
export class InboxController {
  constructor(
    private readonly inbox: InboxService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @Roles('admin', 'reviewer', 'unit-officer')
  @ApiOperation({ summary: 'Notices in your inbox and your unit’s, newest first' })
  @ApiOkResponse({ schema: { example: [{ _id: '20:180:CDS-Q:2024Q4:before-3:inbox', notice: 'reminder-before', subject: '[Nhắc hạn] …', text: 'Kính gửi …', createdAt: '2024-12-17T01:00:00.000Z' }] } })
  @ApiProblemResponses(400, 401, 403)
  list(@Query() query: InboxQueryDto, @CurrentOfficial() official: OfficialPrincipal) {
    return this.inbox.list(inboxesOf(official, query.unit), query.unreadOnly ?? false, query.limit ?? 50);
  }

  @Get('unread-count')
  @Roles('admin', 'reviewer', 'unit-officer')
  @ApiOperation({ summary: 'How many notices are unread' })
  @ApiOkResponse({ schema: { example: { unread: 3 } } })
  @ApiProblemResponses(400, 401, 403)
  async unread(@Query() query: InboxQueryDto, @CurrentOfficial() official: OfficialPrincipal) {
    return { unread: await this.inbox.unreadCount(inboxesOf(official, query.unit)) };
  }

  @Post(':id/read')
  @HttpCode(200)
  @Roles('admin', 'reviewer', 'unit-officer')
  @ApiOperation({ summary: 'Mark a notice read' })
  @ApiProblemResponses(401, 403, 404)
  read(@Param('id') id: string, @Query() query: InboxQueryDto, @CurrentOfficial() official: OfficialPrincipal) {
    return this.inbox.markRead(id, inboxesOf(official, query.unit), official.username, this.clock.now());
  }
}
