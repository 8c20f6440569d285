import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { ReportSubmission } from '@dtp/contracts';
import { addOutboxFields, OutboxEntry, OutboxFields } from '@dtp/messaging';
import { Schema as MongooseSchema } from 'mongoose';

/**
 * The latest revision of each submission folded into the aggregates, with its values: the
 * source a rebuild recomputes every aggregate from, and how an indicator dropped by a later
 * revision is known to be withdrawn.
 */
@Schema({ collection: 'applied_submissions', versionKey: false })
export class AppliedSubmission implements OutboxFields {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true, index: true })
  provinceCode!: string;

  @Prop({ required: true })
  unitCode!: string;

  @Prop({ required: true })
  period!: string;

  @Prop({ type: String, default: null })
  formCode!: string | null;

  /** First submitted after its deadline (as the reports service judged it). */
  @Prop({ type: Boolean, default: false })
  late!: boolean;

  @Prop({ required: true })
  revision!: number;

  @Prop({ type: String, required: true })
  status!: ReportSubmission.Status;

  @Prop({ type: Boolean, default: null })
  countable!: boolean | null;

  /** JSON of the values (ReportSubmission.Value[]): one string for FerretDB to decode (see UnitContributions). */
  @Prop({ type: String })
  packedValues?: string;

  /**
   * JSON of the last approved revision (ReportSubmission.Payload['approved']) while the latest is
   * not approved: the rebuild counts it as the live fold did.
   */
  @Prop({ type: String })
  packedApproved?: string;

  /** The values of documents written before `packedValues`. */
  @Prop({ type: [MongooseSchema.Types.Mixed], default: undefined })
  values?: ReportSubmission.Value[];

  // Declared for TypeScript; addOutboxFields puts them in the schema.
  outbox!: Record<string, OutboxEntry>;
  outboxCount!: number;
}

export const AppliedSubmissionSchema = addOutboxFields(SchemaFactory.createForClass(AppliedSubmission));

/** An applied submission's values, packed or (written before packing) not. */
export function appliedValuesOf(doc: Pick<AppliedSubmission, 'packedValues' | 'values'>): ReportSubmission.Value[] {
  return doc.packedValues !== undefined ? (JSON.parse(doc.packedValues) as ReportSubmission.Value[]) : (doc.values ?? []);
}

/** An applied submission's last approved revision, when its latest is a correction not yet approved (or returned). */
export function appliedApprovedOf(doc: Pick<AppliedSubmission, 'packedApproved'>): ReportSubmission.Payload['approved'] {
  return !doc.packedApproved ? undefined : (JSON.parse(doc.packedApproved) as ReportSubmission.Payload['approved']);
}
