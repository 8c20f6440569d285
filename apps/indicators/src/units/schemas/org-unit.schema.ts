import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { ParentLink, SuccessorLink, UnitLevel } from '@dtp/domain';
import { Schema as MongooseSchema } from 'mongoose';

/** An organisation unit over time (libs/domain/src/units); `_id` is its code. */
@Schema({ collection: 'org_units', versionKey: false })
export class OrgUnitRecord {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, default: null })
  officialCode!: string | null;

  @Prop({ required: true })
  name!: string;

  @Prop({ type: String, required: true })
  level!: UnitLevel;

  @Prop({ type: String, default: null })
  validFrom!: string | null;

  @Prop({ type: String, default: null })
  validTo!: string | null;

  @Prop({ type: [MongooseSchema.Types.Mixed], default: [] })
  parents!: ParentLink[];

  @Prop({ type: [MongooseSchema.Types.Mixed], default: [] })
  successors!: SuccessorLink[];
}

export const OrgUnitSchema = SchemaFactory.createForClass(OrgUnitRecord);
