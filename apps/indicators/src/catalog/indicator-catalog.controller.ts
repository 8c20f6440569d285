import { Body, Controller, Get, Param, Put, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses, OfficialPrincipal, refusal, Roles } from '@dtp/platform';
import { IndicatorDefinitionDto } from './dto/indicator-definition.dto';
import { IndicatorCatalogService } from './indicator-catalog.service';

@ApiTags('indicators')
@Controller('api/v1/indicators')
export class IndicatorCatalogController {
  constructor(private readonly catalog: IndicatorCatalogService) {}

  @Put()
  @Roles('admin')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Create or replace an indicator definition (admin of the province); announced on indicators.catalog.v1' })
  @ApiOkResponse({ type: IndicatorDefinitionDto })
  @ApiProblemResponses(400, 401, 403, 422)
  save(@Body() dto: IndicatorDefinitionDto, @Req() request: { official: OfficialPrincipal }) {
    if (request.official.provinceCode !== dto.provinceCode) throw refusal(403, 'forbidden', `province ${dto.provinceCode} is not yours`, `tỉnh ${dto.provinceCode} không thuộc phạm vi của bạn`);
    return this.catalog.save(dto);
  }

  @Get(':provinceCode')
  @ApiOperation({ summary: 'The indicator catalog of a province' })
  @ApiOkResponse({ type: [IndicatorDefinitionDto] })
  list(@Param('provinceCode') provinceCode: string) {
    return this.catalog.list(provinceCode);
  }

  @Get(':provinceCode/:code')
  @ApiOperation({ summary: 'One indicator definition' })
  @ApiOkResponse({ type: IndicatorDefinitionDto })
  @ApiProblemResponses(404)
  get(@Param('provinceCode') provinceCode: string, @Param('code') code: string) {
    return this.catalog.get(provinceCode, code);
  }
}
