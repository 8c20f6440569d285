import { Controller, Get, NotFoundException, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses, refusal, ReplyLike, RequestLike, withSerialisedEtag } from '@dtp/platform';
import { formatPeriodId, periodsBetween } from '@dtp/domain';
import { AggregateViewDto } from './aggregate-view.dto';
import { AggregationService } from './aggregation.service';
import { AggregateValues } from './aggregate-values.service';
import { SeriesPointDto } from './series-point.dto';
import { SeriesService } from './series.service';
import { Aggregate } from './schemas/aggregate.schema';
import { FastReads } from '../read-models/fast-reads';
import { ViewCache } from '../read-models/view-cache';
import { HierarchyService } from '../units/hierarchy.service';

/** A series longer than this is a report, not a chart: ask the exports service. */
const MAX_SERIES = 240;

@ApiTags('aggregates')
@Controller('api/v1/aggregates')
export class AggregatesController {
  constructor(
    private readonly aggregation: AggregationService,
    private readonly views: ViewCache,
    private readonly hierarchy: HierarchyService,
    private readonly values: AggregateValues,
    private readonly seriesOf: SeriesService,
    fastReads: FastReads,
  ) {
    fastReads.register({ controller: AggregatesController, handler: 'series', query: ['from', 'to'], viewOf: ({ unitCode = '', indicatorCode = '' }, q) => (q['from'] && q['to'] ? { provinceCode: this.hierarchy.seriesProvinceOf(unitCode), key: seriesKey(unitCode, indicatorCode, q['from'], q['to']) } : undefined) });
    fastReads.register({ controller: AggregatesController, handler: 'get', query: [], viewOf: ({ unitCode = '', indicatorCode = '', period = '' }) => ({ provinceCode: this.hierarchy.provinceOf(unitCode), key: aggregateKey(unitCode, indicatorCode, period) }) });
  }

  @Get(':unitCode/:indicatorCode')
  @ApiOperation({ summary: 'An indicator for a unit over a range of periods of one type (from and to included), for trends and charts' })
  @ApiQuery({ name: 'from', example: '2022', description: 'First period' })
  @ApiQuery({ name: 'to', example: '2024', description: 'Last period, of the same type' })
  @ApiOkResponse({
    type: [SeriesPointDto],
    description:
      'One point per period, null where nothing was reported; with an ETag. For a unit created by a reform, periods before it existed are derived from the units it took over (marked derived, with their codes and shares)',
  })
  @ApiProblemResponses(400)
  async series(
    @Param('unitCode') unitCode: string,
    @Param('indicatorCode') indicatorCode: string,
    @Query('from') from: string,
    @Query('to') to: string,
    @Req() request: RequestLike,
    @Res({ passthrough: true }) reply: ReplyLike,
  ) {
    if (!from || !to) throw refusal(400, 'validation', 'give from and to, e.g. from=2022&to=2024', 'cần tham số from và to, ví dụ from=2022&to=2024', [{ field: 'from', message: 'from and to are required', messageVi: 'cần tham số from và to' }]);
    let periods: string[];
    try {
      periods = periodsBetween(from, to).map(formatPeriodId);
    } catch (error) {
      if (!(error instanceof TypeError)) throw error;
      throw refusal(400, 'invalid-period', error.message, 'tham số from và to phải cùng loại kỳ báo cáo', [{ field: 'to', message: error.message, messageVi: 'tham số from và to phải cùng loại kỳ báo cáo' }]);
    }
    if (periods.length > MAX_SERIES) throw refusal(400, 'validation', `at most ${MAX_SERIES} periods at once`, `tối đa ${MAX_SERIES} kỳ một lần`, [{ field: 'to', message: `at most ${MAX_SERIES} periods`, messageVi: `tối đa ${MAX_SERIES} kỳ` }]);
    // The units import bumps the catalog's generation, part of every view's: a changed hierarchy recomputes the derived points.
    const view = await this.views.get(this.hierarchy.seriesProvinceOf(unitCode), seriesKey(unitCode, indicatorCode, from, to), () => this.seriesOf.series(unitCode, indicatorCode, periods));
    return withSerialisedEtag(request, reply, view);
  }

  @Get(':unitCode/:indicatorCode/:period')
  @ApiOperation({ summary: 'The aggregated value of an indicator for a unit (a province or any level) and period' })
  @ApiOkResponse({ type: AggregateViewDto })
  async get(@Param('unitCode') unitCode: string, @Param('indicatorCode') indicatorCode: string, @Param('period') period: string, @Req() request: RequestLike, @Res({ passthrough: true }) reply: ReplyLike): Promise<string | undefined> {
    const view = await this.views.get(this.hierarchy.provinceOf(unitCode), aggregateKey(unitCode, indicatorCode, period), async () => {
      const aggregate = await this.aggregation.get(unitCode, indicatorCode, period);
      return aggregate ? viewOf(aggregate, await this.values.valueOf(aggregate)) : null;
    });
    if (view.json === 'null') throw new NotFoundException(`no data for ${indicatorCode} at ${unitCode} in ${period}`);
    return withSerialisedEtag(request, reply, view);
  }
}

function viewOf(aggregate: Aggregate, value: number | null): AggregateViewDto {
  return {
    unitCode: aggregate.unitCode,
    indicatorCode: aggregate.indicatorCode,
    period: aggregate.period,
    kind: aggregate.kind,
    value,
    reportingUnits: aggregate.totals.reporting,
    totals: { ...aggregate.totals },
    updatedAt: aggregate.updatedAt,
  };
}

function seriesKey(unitCode: string, indicatorCode: string, from: string, to: string): string {
  return `series/${unitCode}/${indicatorCode}/${from}/${to}`;
}

function aggregateKey(unitCode: string, indicatorCode: string, period: string): string {
  return `aggregate/${unitCode}/${indicatorCode}/${period}`;
}
