import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { assertProvince } from '../auth/scope';
import { actorName, Principal } from '../auth/principal';
import { ApiProblemResponses } from '@dtp/platform';
import { ReportFormDto } from './dto/report-form.dto';
import { ReportFormViewDto } from './dto/report-form-view.dto';
import { FormsService } from './forms.service';

@ApiTags('forms')
@ApiBearerAuth()
@Controller('api/v1/forms')
export class FormsController {
  constructor(private readonly forms: FormsService) {}

  @Put()
  @Access({ roles: ['admin'] })
  @ApiOperation({ summary: 'Create or replace a report form (admin); the deadline rule is checked against the cut-off: Decree 09’s, or the form’s own with its legal basis' })
  @ApiOkResponse({ type: ReportFormViewDto, description: 'The form as stored, with its version' })
  @ApiProblemResponses(400, 401, 403, 422)
  save(@Body() dto: ReportFormDto, @CurrentPrincipal() principal: Principal) {
    assertProvince(principal, dto.provinceCode);
    return this.forms.save(dto, actorName(principal));
  }

  @Get(':provinceCode')
  @Access({ units: true, roles: ['admin', 'reviewer'] })
  @ApiSecurity('api-key')
  @ApiOperation({ summary: 'The forms of a province' })
  @ApiOkResponse({ type: [ReportFormViewDto] })
  @ApiProblemResponses(401, 403)
  list(@Param('provinceCode') provinceCode: string, @CurrentPrincipal() principal: Principal) {
    assertProvince(principal, provinceCode);
    return this.forms.list(provinceCode);
  }

  @Get(':provinceCode/:code')
  @Access({ units: true, roles: ['admin', 'reviewer'] })
  @ApiSecurity('api-key')
  @ApiOperation({ summary: 'One form' })
  @ApiOkResponse({ type: ReportFormViewDto })
  @ApiProblemResponses(401, 403, 404)
  get(@Param('provinceCode') provinceCode: string, @Param('code') code: string, @CurrentPrincipal() principal: Principal) {
    assertProvince(principal, provinceCode);
    return this.forms.get(provinceCode, code);
  }
}
