import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export type Channel = 'email' | 'webhook' | 'inbox';
export const CHANNELS: readonly Channel[] = ['email', 'webhook', 'inbox'];

export type DeliveryState = 'scheduled' | 'sent' | 'cancelled' | 'failed';

/** What a notice is about; the template has the same name. */
export type NoticeKind = 'reminder-before' | 'reminder-on-deadline' | 'reminder-overdue' | 'escalation' | 'digest' | 'manual-reminder' | 'report-returned' | 'report-approved' | 'target-status-changed' | 'export-finished';

/** Where an inbox notice lands: a unit's shared inbox or one official's. */
export interface InboxOwner {
  kind: 'unit' | 'user';
  provinceCode: string;
  id: string;
}

/**
 * One notice to one recipient over one channel: the delivery log. Its id is derived from what
 * it is about (obligation and reminder, submission revision, …), so planning it twice is one
 * delivery; its attempts are in `delivery_attempts`.
 */
@Schema({ collection: 'deliveries', versionKey: false })
export class Delivery {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true, index: true })
  provinceCode!: string;

  /** The unit the notice is about (not always its recipient: an escalation goes to the parent). */
  @Prop({ index: true })
  unitCode?: string;

  @Prop({ index: true })
  formCode?: string;

  @Prop({ index: true })
  period?: string;

  /** Reminders: the obligations they are about; once none is still owed, the delivery is cancelled. */
  @Prop({ type: [String], default: [], index: true })
  obligationIds!: string[];

  @Prop({ type: String, required: true })
  notice!: NoticeKind;

  @Prop({ type: String, required: true })
  channel!: Channel;

  /** E-mail addresses, the webhook URL, or the inbox owner, as the log shows it. */
  @Prop({ required: true })
  recipient!: string;

  /** The contact whose webhook secret signs the message. */
  @Prop()
  contactId?: string;

  @Prop({ type: Object })
  inboxOwner?: InboxOwner;

  @Prop({ type: Object, required: true })
  variables!: Record<string, unknown>;

  /** Not before this instant; always inside office hours. */
  @Prop({ required: true, index: true })
  sendAt!: Date;

  @Prop({ type: String, required: true, index: true })
  state!: DeliveryState;

  /** Attempts finished so far. */
  @Prop({ required: true })
  attempts!: number;

  @Prop()
  lastError?: string;

  @Prop({ required: true })
  createdAt!: Date;

  @Prop()
  finishedAt?: Date;
}

export const DeliverySchema = SchemaFactory.createForClass(Delivery);
DeliverySchema.index({ state: 1, sendAt: 1 });
