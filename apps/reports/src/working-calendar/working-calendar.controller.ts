import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses, refusal } from '@dtp/platform';
import { Access } from '../auth/access.decorator';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { actorName, Principal } from '../auth/principal';
import { assertProvince } from '../auth/scope';
import { WorkingCalendarDto, WorkingCalendarViewDto } from './dto/working-calendar.dto';
import { WorkingCalendarService } from './working-calendar.service';

@ApiTags('working calendar')
@ApiBearerAuth()
@Controller('api/v1/working-calendar')
export class WorkingCalendarController {
  constructor(private readonly calendars: WorkingCalendarService) {}

  @Get(':provinceCode')
  @Access({ roles: ['admin'] })
  @ApiOperation({ summary: "A year of the province's working calendar: Vietnam's shipped days off with the province's changes (admin)" })
  @ApiQuery({ name: 'year', required: false, description: 'The year shown (default: this year)', example: 2026 })
  @ApiOkResponse({ type: WorkingCalendarViewDto })
  @ApiProblemResponses(400, 401, 403)
  get(@Param('provinceCode') provinceCode: string, @CurrentPrincipal() principal: Principal, @Query('year') year?: string) {
    assertProvince(principal, provinceCode);
    return this.calendars.view(provinceCode, yearOf(year));
  }

  @Put(':provinceCode')
  @Access({ roles: ['admin'] })
  @ApiOperation({ summary: "Replace the province's changes to the shipped calendar (admin); every service's deadlines, late flags and reminders follow" })
  @ApiQuery({ name: 'year', required: false, description: 'The year the answer shows (default: this year)', example: 2026 })
  @ApiOkResponse({ type: WorkingCalendarViewDto, description: 'The calendar as stored, with its version' })
  @ApiProblemResponses(400, 401, 403, 409, 422)
  save(@Param('provinceCode') provinceCode: string, @Body() dto: WorkingCalendarDto, @CurrentPrincipal() principal: Principal, @Query('year') year?: string) {
    assertProvince(principal, provinceCode);
    return this.calendars.save(provinceCode, dto, actorName(principal), yearOf(year));
  }
}

function yearOf(input: string | undefined): number {
  if (input === undefined) return new Date().getUTCFullYear();
  const year = Number(input);
  if (!/^\d{4}$/.test(input) || year < 2000 || year > 2100) {
    throw refusal(400, 'invalid-query', `year must be 2000–2100, got "${input}"`, `năm phải trong khoảng 2000–2100, đã gửi "${input}"`, [{ field: 'year', message: 'year must be 2000–2100', messageVi: 'năm phải trong khoảng 2000–2100' }]);
  }
  return year;
}
