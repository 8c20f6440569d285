import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses, assertOfficialProvince, CurrentOfficial, OfficialPrincipal, Roles } from '@dtp/platform';
import { ContactDto, ContactViewDto } from './contact.dto';
import { ContactsService } from './contacts.service';

@ApiTags('contacts')
@ApiBearerAuth()
@Controller('api/v1/contacts/:provinceCode')
export class ContactsController {
  constructor(private readonly contacts: ContactsService) {}

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'Who receives the province’s notices: units and the standing agency (admin)' })
  @ApiOkResponse({ type: [ContactViewDto] })
  @ApiProblemResponses(401, 403)
  list(@Param('provinceCode') provinceCode: string, @CurrentOfficial() official: OfficialPrincipal) {
    assertOfficialProvince(official, provinceCode);
    return this.contacts.list(provinceCode);
  }

  @Put('units/:unitCode')
  @Roles('admin')
  @ApiOperation({ summary: 'Set a unit’s e-mail addresses, webhook and digest preference (admin)' })
  @ApiOkResponse({ type: ContactViewDto })
  @ApiProblemResponses(400, 401, 403, 422)
  saveUnit(@Param('provinceCode') provinceCode: string, @Param('unitCode') unitCode: string, @Body() dto: ContactDto, @CurrentOfficial() official: OfficialPrincipal) {
    assertOfficialProvince(official, provinceCode);
    return this.contacts.saveUnit(provinceCode, unitCode, dto, official.username);
  }

  @Put('standing-agency')
  @Roles('admin')
  @ApiOperation({ summary: 'Set the provincial standing agency’s contact: it receives escalations (admin)' })
  @ApiOkResponse({ type: ContactViewDto })
  @ApiProblemResponses(400, 401, 403, 422)
  saveStandingAgency(@Param('provinceCode') provinceCode: string, @Body() dto: ContactDto, @CurrentOfficial() official: OfficialPrincipal) {
    assertOfficialProvince(official, provinceCode);
    return this.contacts.saveStandingAgency(provinceCode, dto, official.username);
  }
}
