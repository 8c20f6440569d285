import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses, ReplyLike, RequestLike, withSerialisedEtag } from '@dtp/platform';
import { FastReads } from '../read-models/fast-reads';
import { ViewCache } from '../read-models/view-cache';
import { ScorecardViewDto } from './scorecard-view.dto';
import { ScorecardsService } from './scorecards.service';

@ApiTags('scorecards')
@Controller('api/v1/scorecards')
export class ScorecardsController {
  constructor(
    private readonly scorecards: ScorecardsService,
    private readonly views: ViewCache,
    fastReads: FastReads,
  ) {
    fastReads.register({ controller: ScorecardsController, handler: 'get', query: ['pillar'], viewOf: ({ provinceCode = '', programmeCode = '', unitCode = '', period = '' }, q) => ({ provinceCode, key: scorecardKey(provinceCode, programmeCode, unitCode, period, q['pillar']) }) });
  }

  @Get(':provinceCode/:programmeCode/:unitCode/:period')
  @ApiOperation({ summary: 'A programme’s scorecard for a unit (the province or any level) and period: per pillar and overall, each target with value, gap, progress and trend' })
  @ApiOkResponse({ type: ScorecardViewDto, description: 'With an ETag; send If-None-Match to get 304 when unchanged' })
  @ApiResponse({ status: 304, description: 'Unchanged since the ETag sent' })
  @ApiQuery({ name: 'pillar', required: false, description: 'Only this pillar’s targets', example: 'digital-government' })
  @ApiProblemResponses(400, 404)
  async get(
    @Param('provinceCode') provinceCode: string,
    @Param('programmeCode') programmeCode: string,
    @Param('unitCode') unitCode: string,
    @Param('period') period: string,
    @Query('pillar') pillar: string | undefined,
    @Req() request: RequestLike,
    @Res({ passthrough: true }) reply: ReplyLike,
  ) {
    const key = scorecardKey(provinceCode, programmeCode, unitCode, period, pillar);
    return withSerialisedEtag(request, reply, await this.views.get(provinceCode, key, () => this.scorecards.scorecard(provinceCode, programmeCode, unitCode, period, pillar)));
  }
}

function scorecardKey(provinceCode: string, programmeCode: string, unitCode: string, period: string, pillar: string | undefined): string {
  return `scorecard/${provinceCode}/${programmeCode}/${unitCode}/${period}/${pillar ?? ''}`;
}
