import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export interface WebhookEndpoint {
  url: string;
  /** Signs each body (HMAC-SHA256); kept as given because signing needs it, never shown again. */
  secret: string;
}

/**
 * Whom to tell about a unit's reports: its e-mail addresses, the unit's own system (a webhook),
 * and whether it prefers one digest a day. The provincial standing agency has one too: it
 * receives escalations.
 */
@Schema({ collection: 'contacts', versionKey: false })
export class Contact {
  /** `<province>:unit:<unit>` or `<province>:standing-agency` */
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true, index: true })
  provinceCode!: string;

  @Prop({ type: String, required: true })
  role!: 'unit' | 'standing-agency';

  @Prop()
  unitCode?: string;

  @Prop()
  name?: string;

  @Prop({ type: [String], default: [] })
  emails!: string[];

  @Prop({ type: Object })
  webhook?: WebhookEndpoint;

  /** One e-mail a day listing every pending report instead of one per report. */
  @Prop({ default: false })
  digest!: boolean;

  @Prop({ required: true })
  updatedAt!: Date;

  @Prop({ required: true })
  updatedBy!: string;
}

export const ContactSchema = SchemaFactory.createForClass(Contact);

export const unitContactId = (provinceCode: string, unitCode: string) => `${provinceCode}:unit:${unitCode}`;
export const standingAgencyContactId = (provinceCode: string) => `${provinceCode}:standing-agency`;
