import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { parsePeriodId, rankUnits } from '@dtp/domain';
import { ApiProblemResponses, ReplyLike, RequestLike, withSerialisedEtag } from '@dtp/platform';
import { FastReads } from '../read-models/fast-reads';
import { ViewCache } from '../read-models/view-cache';
import { AggregationService } from '../aggregation/aggregation.service';
import { AggregateValues } from '../aggregation/aggregate-values.service';
import { IndicatorCatalogService } from '../catalog/indicator-catalog.service';
import { HierarchyService } from '../units/hierarchy.service';
import { RankingQueryDto } from './ranking-query.dto';
import { RankingViewDto } from './ranking-view.dto';

@ApiTags('rankings')
@Controller('api/v1/rankings')
export class RankingsController {
  constructor(
    private readonly aggregation: AggregationService,
    private readonly hierarchy: HierarchyService,
    private readonly catalog: IndicatorCatalogService,
    private readonly views: ViewCache,
    private readonly values: AggregateValues,
    fastReads: FastReads,
  ) {
    fastReads.register({ controller: RankingsController, handler: 'rank', query: ['direction', 'level', 'page', 'pageSize'], viewOf: ({ provinceCode = '', indicatorCode = '', period = '' }, q) => ({ provinceCode, key: rankingKey(provinceCode, indicatorCode, period, q) }) });
  }

  @Get(':provinceCode/:indicatorCode/:period')
  @ApiOperation({ summary: 'The units of a province ranked on an indicator for a period, ties sharing a rank, units without a value last' })
  @ApiOkResponse({ type: RankingViewDto, description: 'With an ETag; paginated' })
  @ApiResponse({ status: 304, description: 'Unchanged since the ETag sent' })
  @ApiProblemResponses(400)
  async rank(
    @Param('provinceCode') provinceCode: string,
    @Param('indicatorCode') indicatorCode: string,
    @Param('period') period: string,
    @Query() query: RankingQueryDto,
    @Req() request: RequestLike,
    @Res({ passthrough: true }) reply: ReplyLike,
  ): Promise<string | undefined> {
    parsePeriodId(period);
    const key = rankingKey(provinceCode, indicatorCode, period, query);
    return withSerialisedEtag(request, reply, await this.views.get(provinceCode, key, () => this.ranking(provinceCode, indicatorCode, period, query)));
  }

  private async ranking(provinceCode: string, indicatorCode: string, period: string, query: RankingQueryDto): Promise<RankingViewDto> {
    // The catalog's direction unless the caller asks otherwise.
    const direction = query.direction ?? (await this.catalog.find(provinceCode, indicatorCode))?.direction ?? 'higher-is-better';
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const all = await this.aggregation.unitsOf(provinceCode, indicatorCode, period);
    const level = query.level;
    const units = level ? all.filter((a) => this.hierarchy.levelOf(a.unitCode) === level) : all;
    const valueOf = await this.values.valuerFor(units);
    const ranked = rankUnits(units.map((a) => ({ unitId: a.unitCode, value: valueOf(a) })), direction);
    const items = ranked.slice((page - 1) * pageSize, page * pageSize).map((r) => ({ unitCode: r.unitId, value: r.value, rank: r.rank }));
    return { provinceCode, indicatorCode, period, direction, total: ranked.length, page, pageSize, items };
  }
}

/** The same key from the validated query (Nest) and from the raw one (FastReads): raw text equal to a canonical value means that value. */
function rankingKey(provinceCode: string, indicatorCode: string, period: string, query: { direction?: string; level?: string; page?: number | string; pageSize?: number | string }): string {
  return `ranking/${provinceCode}/${indicatorCode}/${period}/${query.direction ?? ''}/${query.level ?? ''}/${query.page ?? 1}/${query.pageSize ?? 50}`;
}
