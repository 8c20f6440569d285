import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { AggregateTotals, AggregationKind } from '@dtp/domain';
import { addOutboxFields, OutboxEntry, OutboxFields } from '@dtp/messaging';
import { Schema as MongooseSchema } from 'mongoose';
import { IndicatorAggregate, UnitPeriodState } from '../fold';

/**
 * Every indicator of one unit (any level) and period in one document, `_id` `<unit>:<period>`:
 * a report is one write at its unit and one at each ancestor, and a batch of a province's reports
 * writes each ancestor once (docs/adr/0007). Only the fold of the province's partition writes it.
 */
@Schema({ collection: 'unit_aggregates', versionKey: false, minimize: false })
export class UnitAggregate implements UnitPeriodState, OutboxFields {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  provinceCode!: string;

  @Prop({ required: true })
  unitCode!: string;

  @Prop({ required: true })
  period!: string;

  @Prop({ type: MongooseSchema.Types.Mixed, default: {} })
  indicators!: Record<string, IndicatorAggregate>;

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
