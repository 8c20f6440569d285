import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';

/**
 * What the fold has stored for one province and period, `_id` `<province>:<period>`: the applied
 * submissions and the unit-period documents. A rebuild of some periods reads these by `_id`
 * instead of scanning the province's submissions and documents of every period (FerretDB finds
 * nothing but `_id` by index, and a province's history only grows). Written before what it
 * lists, so it may name a submission or document that a crash kept from being written (the
 * rebuild skips it), never miss one.
 */
@Schema({ collection: 'fold_index', versionKey: false, minimize: false })
export class FoldIndex {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  provinceCode!: string;

  @Prop({ required: true })
  period!: string;

  /** Submission ids, as keys (a `$set` of one key per id adds to it without reading it first). */
  @Prop({ type: MongooseSchema.Types.Mixed, default: {} })
  submissions!: Record<string, true>;

  /** Unit-period document ids (`<unit>:<period>`), as keys. */
  @Prop({ type: MongooseSchema.Types.Mixed, default: {} })
  states!: Record<string, true>;
}

export const FoldIndexSchema = SchemaFactory.createForClass(FoldIndex);

export function foldIndexIdOf(provinceCode: string, period: string): string {
  return `${provinceCode}:${period}`;
}

/** The marker that the index covers everything stored before it existed (built once from a scan). */
export const FOLD_INDEX_COMPLETE = '*complete*';

/** The marker that the unit-period documents are in the fold's current form (each unit's own contribution, packed). */
export const FOLD_STATE_CURRENT = '*fold-state-2*';

/** One upsert per (province, period): the ids to add, as dotted `$set` keys. */
export function foldIndexWrites(entries: Iterable<{ provinceCode: string; period: string; submissionId?: string; stateId?: string }>): Array<{ updateOne: { filter: { _id: string }; update: object; upsert: true } }> {
  const byPeriod = new Map<string, { provinceCode: string; period: string; set: Record<string, true> }>();
  for (const e of entries) {
    const _id = foldIndexIdOf(e.provinceCode, e.period);
    const entry = byPeriod.get(_id) ?? { provinceCode: e.provinceCode, period: e.period, set: {} };
    if (e.submissionId) entry.set[`submissions.${e.submissionId}`] = true;
    if (e.stateId) entry.set[`states.${e.stateId}`] = true;
    byPeriod.set(_id, entry);
  }
  return [...byPeriod].map(([_id, e]) => ({ updateOne: { filter: { _id }, update: { $set: { provinceCode: e.provinceCode, period: e.period, ...e.set } }, upsert: true } }));
}
