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

  /**
   * JSON of every indicator's totals (Record<string, IndicatorTotals>), packed for the same reason
   * as UnitContributions: one value for FerretDB to decode instead of a field per total.
   */
  @Prop({ type: String })
  packed?: string;

  /** The unpacked form of documents written before `packed`. */
  @Prop({ type: MongooseSchema.Types.Mixed })
  indicators?: Record<string, IndicatorTotals>;

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

/** Per indicator, each reporting unit's latest contribution. */
export type ContributionsByIndicator = Record<string, Record<string, AppliedContribution>>;

/**
 * The fold's own state behind a UnitAggregate (same `_id`): per indicator, the latest revision of
 * every unit reporting into it. Large at a province (units × indicators), so kept apart from what
 * readers read; read and written only by the fold and the rebuild.
 *
 * Stored packed: one JSON string (`packed`) rather than a tree of fields. FerretDB 1.x decodes and
 * re-encodes every field of a document it reads, updates or deletes (docs/adr/0002, finding 6),
 * and a province's contributions are tens of thousands of fields; as one string they cost it a
 * single value, and Node's JSON.parse does the rest. Documents written before packing keep
 * `indicators` until the fold next writes them.
 */
@Schema({ collection: 'unit_contributions', versionKey: false, minimize: false })
export class UnitContributions {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  provinceCode!: string;

  /** JSON of ContributionsByIndicator. */
  @Prop({ type: String })
  packed?: string;

  /** The unpacked form of documents written before `packed`. */
  @Prop({ type: MongooseSchema.Types.Mixed })
  indicators?: ContributionsByIndicator;

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
export function aggregatesIn(doc: Pick<UnitAggregate, 'provinceCode' | 'unitCode' | 'period' | 'packed' | 'indicators' | 'updatedAt'>): Aggregate[] {
  return Object.entries(totalsIn(doc)).map(([indicatorCode, a]) => ({
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

/** The totals a document holds, packed or (written before packing) not. */
export function totalsIn(doc: Pick<UnitAggregate, 'packed' | 'indicators'> | null | undefined): Record<string, IndicatorTotals> {
  if (!doc) return {};
  return doc.packed !== undefined ? (JSON.parse(doc.packed) as Record<string, IndicatorTotals>) : (doc.indicators ?? {});
}

/** Every indicator's totals of a state, as `packed` stores them. */
export function packedTotalsOf(state: UnitPeriodState): string {
  return JSON.stringify(Object.fromEntries(Object.entries(state.indicators).map(([code, a]) => [code, { kind: a.kind, totals: a.totals }])));
}

/** The contributions a document holds, packed or (written before packing) not. */
export function contributionsIn(doc: Pick<UnitContributions, 'packed' | 'indicators'> | null | undefined): ContributionsByIndicator {
  if (!doc) return {};
  return doc.packed !== undefined ? (JSON.parse(doc.packed) as ContributionsByIndicator) : (doc.indicators ?? {});
}

/** Every indicator's contributions of a state, as `packed` stores them. */
export function packedContributionsOf(state: UnitPeriodState): string {
  return JSON.stringify(Object.fromEntries(Object.entries(state.indicators).map(([code, a]) => [code, a.contributions])));
}

/**
 * The fold state of a unit-period from its two documents (either may be missing). The
 * contributions are written first and are the truth; totals that were not written after them (a
 * crash between the two writes) are recomputed from them, and `repaired` says the totals document
 * must be written again.
 */
export function stateFrom(
  ref: { _id: string; provinceCode: string; unitCode: string; period: string },
  aggregate: Pick<UnitAggregate, 'packed' | 'indicators' | 'basedOn'> | null,
  contributions: Pick<UnitContributions, 'packed' | 'indicators' | 'version'> | null,
): { state: UnitPeriodState; repaired: boolean } {
  const indicators: UnitPeriodState['indicators'] = {};
  const repaired = (contributions?.version ?? 0) !== (aggregate?.basedOn ?? 0);
  const held = contributionsIn(contributions);
  const totals = totalsIn(aggregate);
  const codes = new Set([...Object.keys(totals), ...Object.keys(held)]);
  for (const code of codes) {
    const mine = held[code] ?? {};
    const stored = totals[code];
    if (stored && !repaired) {
      indicators[code] = { kind: stored.kind, totals: stored.totals, contributions: mine };
      continue;
    }
    const counted = Object.values(mine).filter((c) => !c.withdrawn);
    indicators[code] = { kind: stored?.kind ?? (counted[0] ? kindOfValue(counted[0]) : 'sum'), totals: totalsFromContributions(counted), contributions: mine };
  }
  return { state: { ...ref, indicators }, repaired };
}
