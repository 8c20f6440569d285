import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { addOutboxFields, OutboxEntry, OutboxFields } from '@dtp/messaging';

/**
 * One import of organisation units, carrying its `units-imported` event. An import touches many
 * unit documents, so its announcement lives in this record of the import, written after them:
 * a crash in between leaves the units stored but unannounced until they are imported again.
 */
@Schema({ collection: 'unit_imports', versionKey: false })
export class UnitImport implements OutboxFields {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: [String], required: true })
  unitIds!: string[];

  @Prop({ required: true })
  at!: Date;

  // Declared for TypeScript; addOutboxFields puts them in the schema.
  outbox!: Record<string, OutboxEntry>;
  outboxCount!: number;
}

export const UnitImportSchema = addOutboxFields(SchemaFactory.createForClass(UnitImport));
