import { Body, Controller, HttpCode, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { actorName, Principal } from '../auth/principal';
import { assertProvince, writingUnit } from '../auth/scope';
import { DataValueSetDto, Dhis2MappingDto, ImportQueryDto } from './dto/dhis2.dto';
import { Dhis2ImportService } from './dhis2-import.service';
import { ImportWebMessageDto } from './dto/import-summary.dto';
import { ImportWebMessage, webMessageOf } from './import-summary';
import { ApiProblemResponses, BodyLimit, BULK_BODY_LIMIT } from '@dtp/platform';
import { DHIS2_DOCUMENTATION_EXAMPLE } from './dhis2-documentation-example';
import { UnitWriteLimit } from '../limits/unit-writes.guard';

interface Reply {
  status(code: number): unknown;
}


@ApiTags('dhis2')
@Controller()
export class Dhis2Controller {
  constructor(private readonly imports: Dhis2ImportService) {}

  @Put('api/v1/dhis2/mappings')
  @BodyLimit(BULK_BODY_LIMIT)
  @Access({ roles: ['admin'] })
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Map a DHIS2 data set onto a form: data elements onto indicators, org units onto unit codes (admin)' })
  @ApiOkResponse({ description: 'The mapping as stored', type: Dhis2MappingDto })
  @ApiProblemResponses(400, 401, 403)
  saveMapping(@Body() dto: Dhis2MappingDto, @CurrentPrincipal() principal: Principal) {
    assertProvince(principal, dto.provinceCode);
    return this.imports.saveMapping(dto);
  }

  @Post('api/dataValueSets')
  @HttpCode(200)
  @BodyLimit(BULK_BODY_LIMIT)
  @Access({ units: true })
  @UnitWriteLimit()
  @ApiSecurity('api-key')
  @ApiOperation({
    summary: 'DHIS2-compatible data value set import',
    description:
      'Takes DHIS2’s JSON data value set and answers with DHIS2’s import summary (imported, updated, ignored, conflicts), wrapped as DHIS2 2.38+ does; 409 when nothing could be imported. ' +
      '`dryRun=true` checks and counts without storing. A unit key may also be sent as `Authorization: ApiToken <key>`.',
  })
  @ApiBody({ type: DataValueSetDto, examples: { dhis2Documentation: { summary: 'From DHIS2’s Web API documentation', value: DHIS2_DOCUMENTATION_EXAMPLE } } })
  @ApiOkResponse({ type: ImportWebMessageDto, description: 'Import summary (SUCCESS or WARNING)' })
  @ApiResponse({ status: 409, type: ImportWebMessageDto, description: 'Import summary with status ERROR: nothing imported' })
  @ApiProblemResponses(400, 401, 403)
  async importDataValueSet(
    @Body() set: DataValueSetDto,
    @Query() query: ImportQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<ImportWebMessage> {
    const unit = writingUnit(principal, {});
    const summary = await this.imports.import(set, { ...unit, by: actorName(principal) }, {
      dryRun: query.dryRun === 'true',
      importStrategy: (query.importStrategy ?? 'CREATE_AND_UPDATE').toUpperCase(),
      idScheme: (query.idScheme ?? 'UID').toUpperCase(),
    });
    const message = webMessageOf(summary);
    reply.status(message.httpStatusCode);
    return message;
  }
}
