import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';

/** A unit's report as the reporting rates count it: received (any status), and whether it came late. */
export interface Receipt {
  late: boolean;
}

/**
 * The reports received for one form and period in a province, `_id` `<province>:<form>:<period>`:
 * the read model of the reporting rates, written by the fold with the applied submissions so that
 * a rate is one read by `_id` (docs/adr/0007).
 */
@Schema({ collection: 'receipts', versionKey: false, minimize: false })
export class Receipts {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  provinceCode!: string;

  @Prop({ required: true })
  formCode!: string;

  @Prop({ required: true })
  period!: string;

  @Prop({ type: MongooseSchema.Types.Mixed, default: {} })
  units!: Record<string, Receipt>;
}

export const ReceiptsSchema = SchemaFactory.createForClass(Receipts);

export function receiptsIdOf(provinceCode: string, formCode: string, period: string): string {
  return `${provinceCode}:${formCode}:${period}`;
}

/** Submissions grouped as the receipts documents hold them: by form and period, each unit's receipt. */
export function receiptsOf(
  submissions: Iterable<{ provinceCode: string; formCode: string; period: string; unitCode: string; late: boolean }>,
): Map<string, { provinceCode: string; formCode: string; period: string; units: Record<string, Receipt> }> {
  const byId = new Map<string, { provinceCode: string; formCode: string; period: string; units: Record<string, Receipt> }>();
  for (const s of submissions) {
    const _id = receiptsIdOf(s.provinceCode, s.formCode, s.period);
    const entry = byId.get(_id) ?? { provinceCode: s.provinceCode, formCode: s.formCode, period: s.period, units: {} };
    entry.units[s.unitCode] = { late: s.late };
    byId.set(_id, entry);
  }
  return byId;
}
