import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { AggregateTotals, AggregationKind } from '@dtp/domain';
import { addOutboxFields, OutboxEntry, OutboxFields } from '@dtp/messaging';
import { Schema as MongooseSchema } from 'mongoose';
import { UnitPeriodState } from '../fold';

/** One indicator's running totals, as readers need them. */
export interface IndicatorTotals {
  kind: AggregationKind;
  totals: AggregateTotals;
}

/**
 * Every indicator of one unit (any level) and period in one document, `_id` `<unit>:<period>`:
 * a report is one write at its unit and one at each ancestor, and a batch of a province's reports
 * writes each ancestor once (docs/adr/0007). Only the fold of the province's partition writes it.
 * Holds each indicator's totals and the unit's own contribution, nothing per other unit, so a
 * province's document stays the size of its indicators however many communes report into it.
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
   * JSON of the fold state's indicators (UnitPeriodState['indicators']: kind, totals, the unit's
   * own contribution), packed as one string: FerretDB 1.x decodes and re-encodes every field of
   * a document it reads, updates or deletes (docs/adr/0002, finding 6); as one string it decodes
   * one value, and Node's JSON.parse does the rest.
   */
  @Prop({ type: String })
  packed?: string;

  /** Totals of documents written before `packed` (converted by the start-up rebuild, RebuildService). */
  @Prop({ type: MongooseSchema.Types.Mixed })
  indicators?: Record<string, IndicatorTotals>;

  @Prop({ required: true })
  version!: number;

  // Declared for TypeScript; addOutboxFields puts them in the schema.
  outbox!: Record<string, OutboxEntry>;
  outboxCount!: number;
  outboxPending!: boolean;

  @Prop({ required: true })
  updatedAt!: Date;
}

export const UnitAggregateSchema = addOutboxFields(SchemaFactory.createForClass(UnitAggregate));

/** Where the fold kept other units' contributions before it kept only each unit's own (emptied by the start-up rebuild). */
export const LEGACY_CONTRIBUTIONS = 'unit_contributions';

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
  if (doc.packed === undefined) return doc.indicators ?? {};
  const state = JSON.parse(doc.packed) as UnitPeriodState['indicators'];
  return Object.fromEntries(Object.entries(state).map(([code, a]) => [code, { kind: a.kind, totals: a.totals }]));
}

/** A unit-period's fold state as `packed` stores it. */
export function packedStateOf(state: UnitPeriodState): string {
  return JSON.stringify(state.indicators);
}

/** The fold state a stored document holds (empty for none). */
export function stateOf(ref: { _id: string; provinceCode: string; unitCode: string; period: string }, doc: Pick<UnitAggregate, 'packed'> | null): UnitPeriodState {
  return { ...ref, indicators: doc?.packed === undefined ? {} : (JSON.parse(doc.packed) as UnitPeriodState['indicators']) };
}
