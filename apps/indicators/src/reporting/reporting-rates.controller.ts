import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { cutOffDate, formatPeriodId, parsePeriodId, periodTypeLabel, reportingRates } from '@dtp/domain';
import { ApiProblemResponses, assertOfficialProvince, CurrentOfficial, OfficialPrincipal, OfficialsOnly, refusal, ReplyLike, RequestLike, withSerialisedEtag } from '@dtp/platform';
import { ViewCache } from '../read-models/view-cache';
import { AggregationService } from '../aggregation/aggregation.service';
import { HierarchyService } from '../units/hierarchy.service';
import { ReportingRatesDto } from './reporting-rates.dto';
import { KnownFormsService } from '@dtp/messaging';

@ApiTags('reporting rates')
@Controller('api/v1/reporting-rates')
export class ReportingRatesController {
  constructor(
    private readonly forms: KnownFormsService,
    private readonly hierarchy: HierarchyService,
    private readonly aggregation: AggregationService,
    private readonly views: ViewCache,
  ) {}

  @Get(':provinceCode/:formCode/:period')
  @OfficialsOnly()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Completeness and timeliness of a form’s reports for a period: the province, each level, each unit that owed one (officials of the province)' })
  @ApiOkResponse({ type: ReportingRatesDto, description: 'With an ETag' })
  @ApiResponse({ status: 304, description: 'Unchanged since the ETag sent' })
  @ApiProblemResponses(400, 401, 403, 404)
  async get(
    @CurrentOfficial() official: OfficialPrincipal,
    @Param('provinceCode') provinceCode: string,
    @Param('formCode') formCode: string,
    @Param('period') periodId: string,
    @Req() request: RequestLike,
    @Res({ passthrough: true }) reply: ReplyLike,
  ): Promise<string | undefined> {
    // Which units did not report is the province's internal business, not a published figure.
    assertOfficialProvince(official, provinceCode);
    const view = await this.views.get(provinceCode, `reporting-rates/${provinceCode}/${formCode}/${periodId}`, () => this.compute(provinceCode, formCode, periodId));
    return withSerialisedEtag(request, reply, view);
  }

  private async compute(provinceCode: string, formCode: string, periodId: string): Promise<ReportingRatesDto> {
    const form = await this.forms.get(provinceCode, formCode);
    const period = parsePeriodId(periodId);
    if (period.type !== form.periodType) {
      const en = `form ${formCode} is reported by ${periodTypeLabel(form.periodType, 'en')}, not by ${periodTypeLabel(period.type, 'en')}`;
      const vi = `biểu mẫu ${formCode} báo cáo theo ${periodTypeLabel(form.periodType, 'vi')}, không theo ${periodTypeLabel(period.type, 'vi')}`;
      throw refusal(400, 'invalid-period', en, vi, [{ field: 'period', message: en, messageVi: vi }]);
    }
    const id = formatPeriodId(period);
    // Units that exist on the cut-off date owe the report (libs/domain, reporting rates): the form's own cut-off when it has one.
    const cutOff = cutOffDate(period, form);
    const inProvince = new Set([provinceCode, ...this.hierarchy.list({ on: cutOff, under: provinceCode }).map((u) => u.id)]);
    const owing = this.hierarchy.list({ on: cutOff }).filter((u) => inProvince.has(u.id) && form.levels.includes(u.level));
    const levelOf = new Map(owing.map((u) => [u.id, u.level]));
    const obligations = owing.map((u) => ({ unitId: u.id, formCode, period: id }));
    const received = await this.aggregation.receivedFor(provinceCode, formCode, id);
    const receipts = received.map((r) => ({ unitId: r.unitCode, formCode, period: id, onTime: !r.late }));
    const rates = reportingRates(obligations, receipts, (o) => ['province', `level:${levelOf.get(o.unitId)}`, `unit:${o.unitId}`]);
    const none = { expected: 0, received: 0, onTime: 0, completeness: 0, timeliness: 0 };
    const body: ReportingRatesDto = {
      provinceCode,
      formCode,
      period: id,
      cutOff,
      province: rates.get('province') ?? none,
      levels: [...new Set(owing.map((u) => u.level))].map((level) => ({ level, ...(rates.get(`level:${level}`) ?? none) })),
      units: owing.map((u) => {
        const r = rates.get(`unit:${u.id}`) ?? none;
        return { unitCode: u.id, name: u.name, level: u.level, received: r.received > 0, onTime: r.onTime > 0 };
      }),
    };
    return body;
  }
}
