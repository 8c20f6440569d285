import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';

/** What a write answered under an Idempotency-Key, so a retry gets the same answer without a second write. */
@Schema({ collection: 'idempotency_keys', versionKey: false })
export class IdempotencyRecord {
  /** sha256 of caller, method, path and key. */
  @Prop({ type: String, required: true })
  _id!: string;

  /** sha256 of the request body: the same key with another body is refused. */
  @Prop({ required: true })
  fingerprint!: string;

  @Prop({ type: String, required: true })
  state!: 'pending' | 'completed';

  /** The answer to replay; for a secret-bearing answer, the answer without its secret fields (never replayed). */
  @Prop({ type: MongooseSchema.Types.Mixed, default: null })
  response!: unknown;

  /** The answer's fields left out because they were secrets (`@SecretAnswer`): a replay is refused. */
  @Prop({ type: [String], default: undefined })
  withheld?: string[];

  @Prop({ required: true, index: true })
  createdAt!: Date;

  /**
   * After this the record is ignored and may be removed. Records written before this field
   * existed have none: they are given one, or purged if they held a secret, at start.
   */
  @Prop({ type: Date })
  expiresAt?: Date;
}

export const IdempotencyRecordSchema = SchemaFactory.createForClass(IdempotencyRecord);
// MongoDB removes expired records itself. FerretDB 1.x refuses the option ("not implemented"):
// mongoose logs nothing and goes on with the other indexes, the read path ignores expired
// records, and the start-up cleanup removes them (ADR 0006). Declared last for that reason.
IdempotencyRecordSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });
