import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Target } from '@dtp/domain';
import { addOutboxFields, OutboxEntry, OutboxFields } from '@dtp/messaging';
import { Schema as MongooseSchema } from 'mongoose';

export interface Pillar {
  code: string;
  nameVi: string;
  nameEn: string;
}

/**
 * A programme of a province with its targets: national Decision 749/QĐ-TTg, a resolution such as
 * Lạng Sơn's 49-NQ/TU, a yearly plan such as 72/KH-BCĐ. Pillars are configuration, in order.
 */
@Schema({ collection: 'programmes', versionKey: false })
export class Programme implements OutboxFields {
  /** `<province>:<code>` */
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true, index: true })
  provinceCode!: string;

  @Prop({ required: true })
  code!: string;

  @Prop({ required: true })
  nameVi!: string;

  @Prop({ required: true })
  nameEn!: string;

  @Prop({ type: [MongooseSchema.Types.Mixed], required: true })
  pillars!: Pillar[];

  @Prop({ type: [MongooseSchema.Types.Mixed], required: true })
  targets!: Target[];

  @Prop({ required: true })
  version!: number;

  @Prop({ required: true })
  updatedAt!: Date;

  @Prop({ required: true })
  updatedBy!: string;

  // Declared for TypeScript; addOutboxFields puts them in the schema.
  outbox!: Record<string, OutboxEntry>;
  outboxCount!: number;
}

export const ProgrammeSchema = addOutboxFields(SchemaFactory.createForClass(Programme));

export function programmeIdOf(provinceCode: string, code: string): string {
  return `${provinceCode}:${code}`;
}
