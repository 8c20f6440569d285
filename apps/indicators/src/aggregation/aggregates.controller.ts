import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { aggregateValue } from '@dtp/domain';
import { AggregateViewDto } from './aggregate-view.dto';
import { AggregationService } from './aggregation.service';

@ApiTags('aggregates')
@Controller('api/v1/aggregates')
export class AggregatesController {
  constructor(private readonly aggregation: AggregationService) {}

  @Get(':unitCode/:indicatorCode/:period')
  @ApiOperation({ summary: 'The aggregated value of an indicator for a unit (a province or any level) and period' })
  @ApiOkResponse({ type: AggregateViewDto })
  async get(@Param('unitCode') unitCode: string, @Param('indicatorCode') indicatorCode: string, @Param('period') period: string): Promise<AggregateViewDto> {
    const aggregate = await this.aggregation.get(unitCode, indicatorCode, period);
    if (!aggregate) throw new NotFoundException(`no data for ${indicatorCode} at ${unitCode} in ${period}`);
    return {
      unitCode: aggregate.unitCode,
      indicatorCode: aggregate.indicatorCode,
      period: aggregate.period,
      kind: aggregate.kind,
      value: aggregateValue(aggregate.totals, aggregate.kind),
      reportingUnits: aggregate.totals.reporting,
      totals: { ...aggregate.totals },
      updatedAt: aggregate.updatedAt,
    };
  }
}
