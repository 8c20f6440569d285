import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Direction, IndicatorKind, MilestoneAggregation, UnitLevel } from '@dtp/domain';
import { addOutboxFields, OutboxEntry, OutboxFields } from '@dtp/messaging';

/** An indicator of a province's catalog (libs/domain IndicatorDefinition); `_id` is `<province>:<code>`. */
@Schema({ collection: 'indicator_definitions', versionKey: false })
export class IndicatorDefinitionRecord implements OutboxFields {
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

  @Prop({ required: true })
  unitOfMeasure!: string;

  @Prop({ type: String, required: true })
  kind!: IndicatorKind;

  @Prop({ type: String, required: true })
  direction!: Direction;

  @Prop({ type: [String], required: true })
  reportedBy!: UnitLevel[];

  @Prop({ type: String, default: null })
  milestoneAggregation!: MilestoneAggregation | null;

  /**
   * Set when the definition came from a report form rather than this catalog's API: a later save of
   * that form may change it; a definition saved here is never overwritten by a form.
   */
  @Prop({ type: Object, default: null })
  adoptedFrom!: { formCode: string; formVersion: number } | null;

  @Prop({ required: true })
  version!: number;

  @Prop({ required: true })
  updatedAt!: Date;

  // Declared for TypeScript; addOutboxFields puts them in the schema.
  outbox!: Record<string, OutboxEntry>;
  outboxCount!: number;
}

export const IndicatorDefinitionSchema = addOutboxFields(SchemaFactory.createForClass(IndicatorDefinitionRecord));
