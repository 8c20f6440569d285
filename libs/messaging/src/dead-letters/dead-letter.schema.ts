import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** A message a consumer gave up on, kept so an administrator can see why and replay it. */
@Schema({ collection: 'dead_letters', versionKey: false })
export class DeadLetter {
  /** `<topic>:<partition>:<offset>`: the same message parked twice is one record. */
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true, index: true })
  topic!: string;

  @Prop({ required: true })
  partition!: number;

  @Prop({ required: true })
  offset!: string;

  @Prop({ type: String, default: null })
  key!: string | null;

  @Prop({ required: true })
  value!: string;

  /** Whose message it is (message-province.ts): administrators list and replay their province's only. */
  @Prop({ type: String, default: null, index: true })
  provinceCode!: string | null;

  @Prop({ required: true })
  reason!: string;

  @Prop({ required: true })
  attempts!: number;

  @Prop({ required: true, index: true })
  at!: Date;

  @Prop({ type: Date, default: null })
  replayedAt!: Date | null;

  @Prop({ default: 0 })
  replays!: number;
}

export const DeadLetterSchema = SchemaFactory.createForClass(DeadLetter);
