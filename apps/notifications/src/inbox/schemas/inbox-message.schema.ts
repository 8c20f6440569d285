import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { InboxOwner } from '../../deliveries/schemas/delivery.schema';

/** A notice in the platform's own inbox: a unit's shared one or an official's. */
@Schema({ collection: 'inbox', versionKey: false })
export class InboxMessage {
  /** The delivery's id: delivering twice is one message. */
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: Object, required: true })
  owner!: InboxOwner;

  @Prop({ required: true })
  notice!: string;

  @Prop({ required: true })
  subject!: string;

  @Prop({ required: true })
  text!: string;

  @Prop()
  formCode?: string;

  @Prop()
  period?: string;

  @Prop({ required: true })
  createdAt!: Date;

  @Prop()
  readAt?: Date;

  @Prop()
  readBy?: string;
}

export const InboxMessageSchema = SchemaFactory.createForClass(InboxMessage);
InboxMessageSchema.index({ 'owner.kind': 1, 'owner.provinceCode': 1, 'owner.id': 1, createdAt: -1 });
