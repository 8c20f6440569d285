import { Injectable } from '@nestjs/common';
import { vietnamDateOf } from '@dtp/domain';
import { IndicatorsClient } from '../sources/indicators.client';
import { SubmissionCopiesService } from '../sources/submission-copies.service';
import { BuildContext } from './builders/build-context';
import { rankingDocument } from './builders/ranking.document';
import { rawValuesDocument } from './builders/raw-values.document';
import { reportingRatesDocument } from './builders/reporting-rates.document';
import { scorecardDocument } from './builders/scorecard.document';
import { submissionDocument } from './builders/submission.document';
import { ExportDocument, ExportFailure } from './export-document';
import { ExportRequest } from './export-request';

/** Gathers the figures an export asks for and lays them out as a document. */
@Injectable()
export class DocumentsService {
  constructor(
    private readonly indicators: IndicatorsClient,
    private readonly copies: SubmissionCopiesService,
  ) {}

  async build(request: ExportRequest, now: Date): Promise<ExportDocument> {
    const context = await this.contextOf(request, now);
    const r = request as Required<ExportRequest>;
    switch (request.kind) {
      case 'scorecard':
        return scorecardDocument(await this.indicators.scorecard(r.provinceCode, r.programmeCode, request.unitCode ?? r.provinceCode, r.period), context);
      case 'ranking':
        return rankingDocument(await this.indicators.ranking(r.provinceCode, r.indicatorCode, r.period, request.level), context);
      case 'reporting-rates':
        return reportingRatesDocument(await this.indicators.reportingRates(r.provinceCode, r.formCode, r.period), context);
      case 'submission': {
        const copy = await this.copies.get(r.provinceCode, r.unitCode, r.formCode, r.period);
        if (!copy) throw new ExportFailure(`unit ${r.unitCode} has not submitted form ${r.formCode} for ${r.period}`, `đơn vị ${r.unitCode} chưa gửi biểu mẫu ${r.formCode} kỳ ${r.period}`);
        return submissionDocument(copy, context);
      }
      case 'raw-values': {
        const filter = { provinceCode: r.provinceCode, year: r.year, formCode: request.formCode, unitCodes: request.unitCodes };
        const { values } = await this.copies.countValues(filter);
        if (values === 0) throw new ExportFailure(`no values were reported in ${r.year} for this selection`, `không có số liệu nào được báo cáo năm ${r.year} theo lựa chọn này`);
        return rawValuesDocument(filter, values, () => this.copies.stream(filter), context);
      }
    }
  }

  private async contextOf(request: ExportRequest, now: Date): Promise<BuildContext> {
    const [units, indicators] = await Promise.all([this.indicators.units(), this.indicators.indicators(request.provinceCode)]);
    const byId = new Map(units.map((u) => [u.id, u]));
    return {
      request,
      today: vietnamDateOf(now),
      provinceName: byId.get(request.provinceCode)?.name ?? request.provinceCode,
      units: byId,
      indicators: new Map(indicators.map((i) => [i.code, i])),
    };
  }
}
