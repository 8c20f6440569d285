import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * The latest revision of each submission folded into the aggregates and the indicators it
 * carried, so that an indicator dropped by a later revision is withdrawn too.
 */
@Schema({ collection: 'applied_submissions', versionKey: false })
export class AppliedSubmission {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  revision!: number;

  @Prop({ type: [String], default: [] })
  indicatorCodes!: string[];
}

export const AppliedSubmissionSchema = SchemaFactory.createForClass(AppliedSubmission);
