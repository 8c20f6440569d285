import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { addOutboxFields, OutboxEntry, OutboxFields } from '@dtp/messaging';

/** How long an unsealed batch's notices wait for their batch before a relay sends them anyway (a crash mid-batch). */
export const UNSEALED_NOTICES_AFTER_MS = 30_000;

/**
 * The `indicators.scorecard.v1` notices of one fold batch, in one outbox (docs/adr/0007): written
 * before the batch's aggregates and sealed after them, so the relay sends them once the values are
 * stored. A crash in between leaves them unsealed; the batch is delivered again and folds to the
 * same values, and the relay sends the unsealed notices after UNSEALED_NOTICES_AFTER_MS (at least
 * once). Deleted once sent.
 */
@Schema({ collection: 'fold_notices', versionKey: false, minimize: false })
export class FoldNotices implements OutboxFields {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  provinceCode!: string;

  @Prop({ type: Boolean, default: false })
  sealed!: boolean;

  @Prop({ required: true })
  createdAt!: Date;

  // Declared for TypeScript; addOutboxFields puts them in the schema.
  outbox!: Record<string, OutboxEntry>;
  outboxCount!: number;
  outboxPending!: boolean;
}

export const FoldNoticesSchema = addOutboxFields(SchemaFactory.createForClass(FoldNotices));
