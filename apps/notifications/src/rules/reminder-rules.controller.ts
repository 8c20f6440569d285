import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses, assertOfficialProvince, CurrentOfficial, OfficialPrincipal, OfficialsOnly, Roles } from '@dtp/platform';
import { ReminderRuleDto, ReminderRuleViewDto } from './reminder-rule.dto';
import { ReminderRulesService } from './reminder-rules.service';

@ApiTags('reminder rules')
@Controller('api/v1/reminder-rules/:provinceCode/:formCode')
export class ReminderRulesController {
  constructor(private readonly rules: ReminderRulesService) {}

  @Get()
  @OfficialsOnly()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'When a form’s pending reports are reminded of (the default when none is set); officials of the province' })
  @ApiOkResponse({ type: ReminderRuleViewDto })
  @ApiProblemResponses(401, 403)
  get(@Param('provinceCode') provinceCode: string, @Param('formCode') formCode: string, @CurrentOfficial() official: OfficialPrincipal) {
    assertOfficialProvince(official, provinceCode);
    return this.rules.view(provinceCode, formCode);
  }

  @Put()
  @Roles('admin')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Set a form’s reminders: working days before, on the day, after, and escalation (admin)' })
  @ApiOkResponse({ type: ReminderRuleViewDto })
  @ApiProblemResponses(400, 401, 403, 422)
  save(@Param('provinceCode') provinceCode: string, @Param('formCode') formCode: string, @Body() dto: ReminderRuleDto, @CurrentOfficial() official: OfficialPrincipal) {
    assertOfficialProvince(official, provinceCode);
    return this.rules.save(provinceCode, formCode, dto, official.username);
  }
}
