import { Body, Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { isLocalDate, OrgUnit, UNIT_LEVELS, UnitLevel } from '@dtp/domain';
import { ApiProblemResponses, BodyLimit, BULK_BODY_LIMIT, CurrentOfficial, etagOf, isNationalAdmin, OfficialPrincipal, refusal, ReplyLike, RequestLike, Roles, withSerialisedEtag } from '@dtp/platform';
import { IsIn, IsOptional, IsString } from 'class-validator';
import { UnitsImportDto } from './dto/units-import.dto';
import { HierarchyService, UnitsScope } from './hierarchy.service';

export class UnitsQueryDto {
  @ApiPropertyOptional({ description: 'Units valid on this date (YYYY-MM-DD); all units without it', example: '2024-06-01' })
  @IsOptional()
  @IsString()
  on?: string;

  @ApiPropertyOptional({ description: 'Only units under this one on that date', example: '20' })
  @IsOptional()
  @IsString()
  under?: string;

  @ApiPropertyOptional({ enum: UNIT_LEVELS, example: 'district' })
  @IsOptional()
  @IsIn(UNIT_LEVELS)
  level?: UnitLevel;
}

@ApiTags('units')
@Controller('api/v1/units')
export class UnitsController {
  constructor(private readonly hierarchy: HierarchyService) {}

  @Get()
  @ApiOperation({ summary: 'Organisation units, as the hierarchy stood on a date' })
  @ApiOkResponse({ description: 'Units with validity, parents and successors; with an ETag (304 for If-None-Match while unchanged)', schema: { example: [{ id: '180', officialCode: '180', name: 'Tràng Định', level: 'district', validTo: '2025-06-30', parents: [{ parentId: '20' }], successors: [] }] } })
  @ApiProblemResponses(400)
  async list(@Query() query: UnitsQueryDto, @Req() request: RequestLike, @Res({ passthrough: true }) reply: ReplyLike) {
    if (query.on && !isLocalDate(query.on)) throw refusal(400, 'validation', 'on must be a date (YYYY-MM-DD)', 'on phải là ngày (YYYY-MM-DD)', [{ field: 'on', message: 'on must be a date (YYYY-MM-DD)', messageVi: 'on phải là ngày (YYYY-MM-DD)' }]);
    // Current in this replica too (an import through another one bumps the catalog generation);
    // with an ETag, so the services that keep the units (reports, notifications: every replica)
    // can ask every few seconds and get 304 while nothing changed.
    await this.hierarchy.refresh();
    const json = JSON.stringify(this.hierarchy.list(query));
    return withSerialisedEtag(request, reply, { json, etag: etagOf(json) });
  }

  @Post('import')
  @HttpCode(200)
  @BodyLimit(BULK_BODY_LIMIT)
  @Roles('admin', 'national-admin')
  @ApiBearerAuth()
  @ApiConsumes('text/csv')
  @ApiBody({ description: 'UTF-8 CSV with the columns id, officialCode, name, level, validFrom, validTo, parentId, parentFrom, parentTo, successors', schema: { type: 'string', example: 'id,officialCode,name,level,validFrom,validTo,parentId,parentFrom,parentTo,successors\n06052,06052,Xã Ví Dụ,commune,,,180,,2025-06-30,' } })
  @ApiOperation({
    summary:
      'Add or replace units from a CSV; refused whole, each row and column named, if the result is not a consistent hierarchy or not a tree of the map (a province has no parent; every district and commune has a parent of the level above for its whole validity). An admin changes only units of their province (403 otherwise); a national admin any (admin, national-admin)',
  })
  @ApiOkResponse({ schema: { example: { imported: 12 } } })
  @ApiProblemResponses(400, 401, 403, 422)
  import(@Body() body: Buffer, @CurrentOfficial() official: OfficialPrincipal) {
    if (!Buffer.isBuffer(body)) throw refusal(400, 'validation', 'send the CSV as the body with Content-Type: text/csv', 'gửi tệp CSV trong thân yêu cầu với Content-Type: text/csv');
    return this.hierarchy.importCsv(body.toString('utf8'), scopeOf(official));
  }

  @Post('import.json')
  @HttpCode(200)
  @BodyLimit(BULK_BODY_LIMIT)
  @Roles('admin', 'national-admin')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Add or replace units given as JSON; the same checks and the same province rule as the CSV import (admin, national-admin)' })
  @ApiOkResponse({ schema: { example: { imported: 12 } } })
  @ApiProblemResponses(400, 401, 403, 422)
  importJson(@Body() body: UnitsImportDto, @CurrentOfficial() official: OfficialPrincipal) {
    // As in the CSV: a successor given without a share takes all of the unit's data.
    const units = body.units.map((u): OrgUnit => ({ ...(u as OrgUnit), successors: u.successors.map((s) => ({ ...s, share: s.share ?? 1 })) }));
    return this.hierarchy.importUnits(units, scopeOf(official));
  }
}

function scopeOf(official: OfficialPrincipal): UnitsScope {
  return isNationalAdmin(official) ? { kind: 'national' } : { kind: 'province', provinceCode: official.provinceCode };
}
