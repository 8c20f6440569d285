import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * One try at sending a delivery. Its id `<delivery>#<n>` is inserted before the message leaves:
 * the insert is the claim, so two workers holding the same delivery cannot both send attempt n.
 */
@Schema({ collection: 'delivery_attempts', versionKey: false })
export class DeliveryAttempt {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true, index: true })
  deliveryId!: string;

  @Prop({ required: true })
  n!: number;

  @Prop({ type: String, required: true })
  status!: 'sending' | 'delivered' | 'failed';

  @Prop({ required: true })
  startedAt!: Date;

  @Prop()
  finishedAt?: Date;

  /** The receiving end's answer: SMTP response, HTTP status, or the error. */
  @Prop()
  detail?: string;

  /** Which process tried. */
  @Prop({ required: true })
  worker!: string;
}

export const DeliveryAttemptSchema = SchemaFactory.createForClass(DeliveryAttempt);
