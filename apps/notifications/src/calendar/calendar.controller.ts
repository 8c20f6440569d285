import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { ApiProblemResponses, assertOfficialProvince, CurrentOfficial, OfficialPrincipal, OfficialsOnly, Roles } from '@dtp/platform';
import { CalendarService, ObligationState } from './calendar.service';
import { ObligationFilterDto } from './obligation-filter.dto';

const STATES: ObligationState[] = ['open', 'late', 'submitted', 'returned', 'approved'];

export class CalendarQueryDto extends ObligationFilterDto {
  @ApiPropertyOptional({ enum: STATES, description: '`late`: the deadline day has passed and nothing was received' })
  @IsOptional()
  @IsIn(STATES)
  state?: ObligationState;

  @ApiPropertyOptional({ example: 500, default: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(5000)
  limit?: number;
}

@ApiTags('calendar')
@Controller('api/v1/calendar/:provinceCode')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get()
  @OfficialsOnly()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The reporting calendar: each unit’s reports with cut-off, deadline and state (open, late, submitted, returned, approved); officials of the province' })
  @ApiOkResponse({ schema: { example: [{ _id: '20:180:CDS-Q:2024Q4', unitCode: '180', formCode: 'CDS-Q', period: '2024Q4', cutOff: '2024-12-14', deadline: '2024-12-20', status: 'open', state: 'late' }] } })
  @ApiProblemResponses(400, 401, 403)
  list(@Param('provinceCode') provinceCode: string, @Query() q: CalendarQueryDto, @CurrentOfficial() official: OfficialPrincipal) {
    // Which units are late is the province's internal business, not a published figure.
    assertOfficialProvince(official, provinceCode);
    return this.calendar.list({ provinceCode, unitCode: q.unit, formCode: q.form, period: q.period, state: q.state }, q.limit ?? 500);
  }

  @Post('refresh')
  @HttpCode(200)
  @Roles('admin')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Recompute the calendar from the forms and units now (it also runs with every planning); statuses are kept (admin)' })
  @ApiOkResponse({ schema: { example: { added: 24 } } })
  @ApiProblemResponses(401, 403)
  async refresh(@Param('provinceCode') provinceCode: string, @CurrentOfficial() official: OfficialPrincipal) {
    assertOfficialProvince(official, provinceCode);
    return { added: await this.calendar.refresh() };
  }
}
