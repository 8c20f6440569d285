import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** An official who wants to hear when a programme's targets change status. */
@Schema({ collection: 'subscriptions', versionKey: false })
export class Subscription {
  /** `<province>:<username>` */
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true, index: true })
  provinceCode!: string;

  @Prop({ required: true })
  username!: string;

  /** Also by e-mail, to this address; the inbox always. */
  @Prop()
  email?: string;

  /** Programme codes; empty: all of the province's. */
  @Prop({ type: [String], default: [] })
  programmes!: string[];

  @Prop({ required: true })
  updatedAt!: Date;
}

export const SubscriptionSchema = SchemaFactory.createForClass(Subscription);
