import { CATALOG_GENERATION, FoldGenerations } from '../read-models/fold-generations.service';
import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Catalog, ReportForm } from '@dtp/contracts';
import { DocumentLocks, VersionedModel, writeVersioned } from '@dtp/messaging';
import { currentCorrelationId, fieldsRefusal } from '@dtp/platform';
import { Model } from 'mongoose';
import { IndicatorDefinitionDto } from './dto/indicator-definition.dto';
import { IndicatorOutboxRelay } from './indicator-outbox.relay';
import { IndicatorDefinitionRecord } from './schemas/indicator-definition.schema';

const HIDDEN = { outbox: 0, outboxCount: 0, outboxPending: 0 } as const;

/** The province's indicator definitions: names, unit, kind, direction, who reports them. */
@Injectable()
export class IndicatorCatalogService {
  private readonly logger = new Logger(IndicatorCatalogService.name);

  constructor(
    private readonly generations: FoldGenerations,
    @InjectModel(IndicatorDefinitionRecord.name) private readonly indicators: Model<IndicatorDefinitionRecord>,
    private readonly locks: DocumentLocks,
    private readonly relay: IndicatorOutboxRelay,
  ) {}

  /** `adoptedFrom`: the form the definition comes from; absent when an official saves it here. */
  async save(dto: IndicatorDefinitionDto, adoptedFrom: IndicatorDefinitionRecord['adoptedFrom'] = null): Promise<IndicatorDefinitionRecord> {
    if (['province-percentage', 'rank', 'index'].includes(dto.kind) && dto.reportedBy.some((l) => l !== 'province')) {
      throw fieldsRefusal(422, 'invalid-indicator', [{ field: 'reportedBy', message: `reportedBy: a ${dto.kind} indicator is reported at province level only`, messageVi: 'reportedBy: chỉ tiêu này chỉ báo cáo ở cấp tỉnh' }]);
    }
    if (dto.kind === 'milestone' && !dto.milestoneAggregation) {
      throw fieldsRefusal(422, 'invalid-indicator', [{ field: 'milestoneAggregation', message: 'milestoneAggregation: a milestone needs all, any or count', messageVi: 'milestoneAggregation: chỉ tiêu dạng mốc cần cách tổng hợp' }]);
    }
    const fields: Record<string, unknown> = { ...dto, milestoneAggregation: dto.milestoneAggregation ?? null, adoptedFrom };
    await writeVersioned(this.indicators as unknown as VersionedModel, this.locks, this.relay, `${dto.provinceCode}:${dto.code}`, (version) => ({
      fields,
      topic: Catalog.TOPIC,
      events: [Catalog.envelope({ source: 'indicators', correlationId: currentCorrelationId(), data: { kind: 'indicator-saved', provinceCode: dto.provinceCode, code: dto.code, version } })],
    }));
    this.relay.nudge();
    await this.generations.bump(CATALOG_GENERATION);
    return this.get(dto.provinceCode, dto.code);
  }

  /**
   * Takes into the catalog the indicators a form defines and the catalog does not: without them the
   * fold would aggregate an "all" milestone as a count and the files would print a share as a plain
   * number. A definition saved through this catalog's API stays as it is (a differing form is logged);
   * one adopted earlier follows the newest save of the form that brought it.
   */
  async adoptFormIndicators(form: ReportForm.Payload): Promise<number> {
    let adopted = 0;
    for (const indicator of form.indicators ?? []) {
      const held = await this.find(form.provinceCode, indicator.code);
      const aggregation = indicator.milestoneAggregation ?? null;
      if (held && !held.adoptedFrom) {
        if (held.kind !== indicator.kind || (held.milestoneAggregation ?? null) !== aggregation) {
          this.logger.warn(`form ${form.code} defines ${indicator.code} as ${indicator.kind}${aggregation ? `/${aggregation}` : ''}; the catalog's ${held.kind}${held.milestoneAggregation ? `/${held.milestoneAggregation}` : ''} stands`);
        }
        continue;
      }
      if (held?.adoptedFrom && (held.adoptedFrom.formCode !== form.code || held.adoptedFrom.formVersion >= form.version)) continue;
      const provinceOnly = ['province-percentage', 'rank', 'index'].includes(indicator.kind);
      await this.save(
        {
          provinceCode: form.provinceCode,
          code: indicator.code,
          nameVi: indicator.nameVi,
          nameEn: indicator.nameEn,
          unitOfMeasure: indicator.unitOfMeasure,
          kind: indicator.kind,
          direction: indicator.direction,
          reportedBy: provinceOnly ? ['province'] : form.levels,
          ...(aggregation ? { milestoneAggregation: aggregation } : {}),
        },
        { formCode: form.code, formVersion: form.version },
      );
      adopted += 1;
    }
    return adopted;
  }

  async get(provinceCode: string, code: string): Promise<IndicatorDefinitionRecord> {
    const found = await this.find(provinceCode, code);
    if (!found) throw new NotFoundException(`indicator ${code} of province ${provinceCode} not found`);
    return found;
  }

  find(provinceCode: string, code: string): Promise<IndicatorDefinitionRecord | null> {
    return this.indicators.findById(`${provinceCode}:${code}`, HIDDEN).lean<IndicatorDefinitionRecord>().exec();
  }

  list(provinceCode: string): Promise<IndicatorDefinitionRecord[]> {
    return this.indicators.find({ provinceCode }, HIDDEN).sort({ code: 1 }).lean<IndicatorDefinitionRecord[]>().exec();
  }
}
