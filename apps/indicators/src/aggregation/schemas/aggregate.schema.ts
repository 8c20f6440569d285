import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { AggregateTotals, AggregationKind, kindOfValue, totalsFromContributions } from '@dtp/domain';
import { addOutboxFields, OutboxEntry, OutboxFields } from '@dtp/messaging';
import { Schema as MongooseSchema } from 'mongoose';
import { AppliedContribution, UnitPeriodState } from '../fold';

/** One indicator's running totals, as readers need them. */
export interface IndicatorTotals {
  kind: AggregationKind;
  totals: AggregateTotals;
}

/**
 * Every indicator of one unit (any level) and period in one document, `_id` `<unit>:<period>`:
 * a report is one write at its unit and one at each ancestor, and a batch of a province's reports
 * writes each ancestor once (docs/adr/0007). Only the fold of the province's partition writes it.
 * What readers read: totals only; the contributions behind them are in UnitContributions.
 */
@Schema({ collection: 'unit_aggregates', versionKey: false, minimize: false })
export class UnitAggregate implements OutboxFields {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  provinceCode!: string;

  @Prop({ required: true })
  unitCode!: string;

  @Prop({ required: true })
  period!: string;

  @Prop({ type: MongooseSchema.Types.Mixed, default: {} })
  indicators!: Record<string, IndicatorTotals>;

  @Prop({ required: true })
  version!: number;

  /** The version of the UnitContributions these totals were computed from (written after them). */
  @Prop({ type: Number, default: 0 })
  basedOn!: number;

  // Declared for TypeScript; addOutboxFields puts them in the schema.
  outbox!: Record<string, OutboxEntry>;
  outboxCount!: number;
  outboxPending!: boolean;

  @Prop({ required: true })
  updatedAt!: Date;
}

export const UnitAggregateSchema = addOutboxFields(SchemaFactory.createForClass(UnitAggregate));

/**
 * The fold's own state behind a UnitAggregate (same `_id`): per indicator, the latest revision of
 * every unit reporting into it. Large at a province (units × indicators), so kept apart from what
 * readers read; read and written only by the fold and the rebuild.
 */
@Schema({ collection: 'unit_contributions', versionKey: false, minimize: false })
export class UnitContributions {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  provinceCode!: string;

  @Prop({ type: MongooseSchema.Types.Mixed, default: {} })
  indicators!: Record<string, Record<string, AppliedContribution>>;

  @Prop({ required: true })
  version!: number;
}

export const UnitContributionsSchema = SchemaFactory.createForClass(UnitContributions);
// Rankings and rebuilds read a province's units of one period: two string equalities, pushed down on FerretDB.
UnitAggregateSchema.index({ provinceCode: 1, period: 1 });

/** One indicator's aggregate for a unit and period, as readers see it. */
export interface Aggregate {
  _id: string;
  provinceCode: string;
  unitCode: string;
  indicatorCode: string;
  period: string;
  kind: AggregationKind;
  totals: AggregateTotals;
  updatedAt: Date;
}

export function aggregateIdOf(unitCode: string, indicatorCode: string, period: string): string {
  return `${unitCode}:${indicatorCode}:${period}`;
}

/** The aggregates a unit-period document holds, one per indicator. */
export function aggregatesIn(doc: Pick<UnitAggregate, 'provinceCode' | 'unitCode' | 'period' | 'indicators' | 'updatedAt'>): Aggregate[] {
  return Object.entries(doc.indicators ?? {}).map(([indicatorCode, a]) => ({
    _id: aggregateIdOf(doc.unitCode, indicatorCode, doc.period),
    provinceCode: doc.provinceCode,
    unitCode: doc.unitCode,
    indicatorCode,
    period: doc.period,
    kind: a.kind,
    totals: a.totals,
    updatedAt: doc.updatedAt,
  }));
}

/** A unit-period's fold state as its two documents store it: totals for readers, contributions for the fold. */
export function documentsOf(state: UnitPeriodState, codes: Iterable<string> = Object.keys(state.indicators)): { totals: Record<string, IndicatorTotals>; contributions: Record<string, Record<string, AppliedContribution>> } {
  const totals: Record<string, IndicatorTotals> = {};
  const contributions: Record<string, Record<string, AppliedContribution>> = {};
  for (const code of codes) {
    const a = state.indicators[code];
    if (!a) continue;
    totals[code] = { kind: a.kind, totals: a.totals };
    contributions[code] = a.contributions;
  }
  return { totals, contributions };
}

/**
 * The fold state of a unit-period from its two documents (either may be missing). The
 * contributions are written first and are the truth; totals that were not written after them (a
 * crash between the two writes) are recomputed from them, and `repaired` says the totals document
 * must be written again.
 */
export function stateFrom(
  ref: { _id: string; provinceCode: string; unitCode: string; period: string },
  aggregate: Pick<UnitAggregate, 'indicators' | 'basedOn'> | null,
  contributions: Pick<UnitContributions, 'indicators' | 'version'> | null,
): { state: UnitPeriodState; repaired: boolean } {
  const indicators: UnitPeriodState['indicators'] = {};
  const repaired = (contributions?.version ?? 0) !== (aggregate?.basedOn ?? 0);
  const codes = new Set([...Object.keys(aggregate?.indicators ?? {}), ...Object.keys(contributions?.indicators ?? {})]);
  for (const code of codes) {
    const held = contributions?.indicators?.[code] ?? {};
    const stored = aggregate?.indicators?.[code];
    if (stored && !repaired) {
      indicators[code] = { kind: stored.kind, totals: stored.totals, contributions: held };
      continue;
    }
    const counted = Object.values(held).filter((c) => !c.withdrawn);
    indicators[code] = { kind: stored?.kind ?? (counted[0] ? kindOfValue(counted[0]) : 'sum'), totals: totalsFromContributions(counted), contributions: held };
  }
  return { state: { ...ref, indicators }, repaired };
}
