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

  @Prop({ type: MongooseSchema.Types.Mixed, default: null })
  response!: unknown;

  @Prop({ required: true, index: true })
  createdAt!: Date;
}

export const IdempotencyRecordSchema = SchemaFactory.createForClass(IdempotencyRecord);
