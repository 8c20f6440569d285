import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';

export type ValuePart = 'value' | 'numerator' | 'denominator' | 'done';

export interface DataElementMapping {
  dataElement: string;
  /** Absent: any category option combo (DHIS2's default one included). */
  categoryOptionCombo?: string;
  indicatorCode: string;
  /** A ratio comes from DHIS2 as two data elements: its numerator and its denominator. */
  part: ValuePart;
}

/**
 * How a DHIS2 data set maps onto a form of a province: its data elements onto the form's
 * indicators, and DHIS2 org unit ids onto unit codes (unmapped ids are taken as unit codes).
 */
@Schema({ collection: 'dhis2_mappings', versionKey: false })
export class Dhis2Mapping {
  /** `<province>:<dataSet>` */
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  provinceCode!: string;

  @Prop({ required: true })
  dataSet!: string;

  @Prop({ required: true })
  formCode!: string;

  @Prop({ type: [MongooseSchema.Types.Mixed], required: true })
  dataElements!: DataElementMapping[];

  @Prop({ type: MongooseSchema.Types.Mixed, default: {} })
  orgUnits!: Record<string, string>;
}

export const Dhis2MappingSchema = SchemaFactory.createForClass(Dhis2Mapping);
