import { Body, Controller, Get, Param, Put, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses, BodyLimit, BULK_BODY_LIMIT, fieldsRefusal, OfficialPrincipal, refusal, Roles } from '@dtp/platform';
import { targetsFromCsv } from './targets-csv';
import { ProgrammeDto } from './dto/programme.dto';
import { ProgrammesService, TargetFieldNamer } from './programmes.service';

/** A target's problem found on save, named where the sheet has it (targets-csv.ts numbers rows from the header's 1). */
const csvField: TargetFieldNamer = (index, column) => ({ field: column ? `row ${index + 2}, ${column}` : `row ${index + 2}`, row: index + 2, ...(column ? { column } : {}) });

@ApiTags('programmes')
@Controller('api/v1/programmes')
export class ProgrammesController {
  constructor(private readonly programmes: ProgrammesService) {}

  @Put()
  @Roles('admin')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Create or replace a programme with its pillars and targets (admin of the province)' })
  @ApiOkResponse({ type: ProgrammeDto, description: 'The programme as stored' })
  @ApiProblemResponses(400, 401, 403, 422)
  save(@Body() dto: ProgrammeDto, @Req() request: { official: OfficialPrincipal }) {
    if (request.official.provinceCode !== dto.provinceCode) {
      throw refusal(403, 'forbidden', `province ${dto.provinceCode} is not yours`, `tỉnh ${dto.provinceCode} không thuộc phạm vi của bạn`);
    }
    return this.programmes.save(dto, `user:${request.official.username}`);
  }

  @Put(':provinceCode/:code/targets')
  @BodyLimit(BULK_BODY_LIMIT)
  @Roles('admin')
  @ApiBearerAuth()
  @ApiConsumes('text/csv')
  @ApiBody({
    description:
      'UTF-8 CSV with the columns indicatorCode, year, value, comparison, pillar, baselineDate, baselineValue, and optionally scope ' +
      '(province when empty or absent; department, district, commune, units, every-level) and unitCodes (with scope units: codes separated by ; or spaces)',
    schema: {
      type: 'string',
      example: 'indicatorCode,year,value,comparison,pillar,baselineDate,baselineValue,scope,unitCodes\nDOSSIERS_DIGITIZED,2025,0.8,at-least,digital-government,2021-12-31,0.45,,\nBTS_STATIONS,2025,120,at-least,digital-infrastructure,,,units,180;181',
    },
  })
  @ApiOperation({ summary: 'Replace a programme’s targets from a CSV; refused whole, each bad cell named (admin)' })
  @ApiOkResponse({ type: ProgrammeDto })
  @ApiProblemResponses(400, 401, 403, 404, 422)
  async importTargets(@Param('provinceCode') provinceCode: string, @Param('code') code: string, @Body() body: Buffer, @Req() request: { official: OfficialPrincipal }) {
    if (request.official.provinceCode !== provinceCode) throw refusal(403, 'forbidden', `province ${provinceCode} is not yours`, `tỉnh ${provinceCode} không thuộc phạm vi của bạn`);
    if (!Buffer.isBuffer(body)) throw refusal(400, 'validation', 'send the CSV as the body with Content-Type: text/csv', 'gửi tệp CSV trong thân yêu cầu với Content-Type: text/csv');
    const programme = await this.programmes.get(provinceCode, code);
    const { targets, problems } = targetsFromCsv(body.toString('utf8'), new Set(programme.pillars.map((p) => p.code)));
    if (problems.length > 0) throw fieldsRefusal(422, 'invalid-targets', problems);
    const { code: programmeCode, nameVi, nameEn, pillars } = programme;
    return this.programmes.save({ code: programmeCode, provinceCode, nameVi, nameEn, pillars, targets }, `user:${request.official.username}`, csvField);
  }

  @Get(':provinceCode')
  @ApiOperation({ summary: 'The programmes of a province' })
  @ApiOkResponse({ type: [ProgrammeDto] })
  list(@Param('provinceCode') provinceCode: string) {
    return this.programmes.list(provinceCode);
  }

  @Get(':provinceCode/:code')
  @ApiOperation({ summary: 'One programme with its targets' })
  @ApiOkResponse({ type: ProgrammeDto })
  @ApiProblemResponses(404)
  get(@Param('provinceCode') provinceCode: string, @Param('code') code: string) {
    return this.programmes.get(provinceCode, code);
  }
}
