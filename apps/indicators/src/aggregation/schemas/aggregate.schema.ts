import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { AggregateTotals, AggregationKind, Contribution } from '@dtp/domain';
import { addOutboxFields, OutboxEntry, OutboxFields } from '@dtp/messaging';
import { Schema as MongooseSchema } from 'mongoose';

/** What a reporting unit currently contributes; `withdrawn` once its report was returned. */
export interface AppliedContribution extends Contribution {
  withdrawn: boolean;
}

/**
 * The running totals of one indicator for one unit (any level) and period, with the latest
 * applied revision of every reporting unit below it. `_id` is `<unit>:<indicator>:<period>`.
 * `version` serialises writers: each update is conditional on the version it read.
 */
@Schema({ collection: 'aggregates', versionKey: false, minimize: false })
export class Aggregate implements OutboxFields {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  provinceCode!: string;

  @Prop({ required: true })
  unitCode!: string;

  @Prop({ required: true })
  indicatorCode!: string;

  @Prop({ required: true })
  period!: string;

  @Prop({ type: String, required: true })
  kind!: AggregationKind;

  @Prop({ type: MongooseSchema.Types.Mixed, required: true })
  totals!: AggregateTotals;

  @Prop({ type: MongooseSchema.Types.Mixed, default: {} })
  contributions!: Record<string, AppliedContribution>;

  @Prop({ required: true })
  version!: number;

  // Declared for TypeScript; addOutboxFields puts them in the schema.
  outbox!: Record<string, OutboxEntry>;
  outboxCount!: number;

  @Prop({ required: true })
  updatedAt!: Date;
}

export const AggregateSchema = addOutboxFields(SchemaFactory.createForClass(Aggregate));
AggregateSchema.index({ provinceCode: 1, indicatorCode: 1, period: 1 });

export function aggregateIdOf(unitCode: string, indicatorCode: string, period: string): string {
  return `${unitCode}:${indicatorCode}:${period}`;
}
