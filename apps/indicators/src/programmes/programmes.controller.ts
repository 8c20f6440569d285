import { Body, Controller, Get, Param, Put, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses, OfficialPrincipal, refusal, Roles } from '@dtp/platform';
import { ProgrammeDto } from './dto/programme.dto';
import { ProgrammesService } from './programmes.service';

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
