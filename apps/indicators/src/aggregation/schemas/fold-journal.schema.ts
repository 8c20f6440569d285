import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** One unit-period document as a batch writes it (absolute: writing it twice is writing it once). */
export interface JournalEntry {
  _id: string;
  provinceCode: string;
  unitCode: string;
  period: string;
  packed: string;
  version: number;
}

/** What a journal holds: the documents, and the index entries of the batch (redone with them). */
export interface JournalContent {
  entries: JournalEntry[];
  submissions: Array<{ provinceCode: string; period: string; submissionId: string }>;
}

/**
 * The fold's journal, one per province (`_id` the province): every unit-period document a batch
 * is about to write, written in one operation before them and deleted after them. A batch adds a
 * report's difference to its unit and to every level above it; were it cut off half-way, the
 * report, delivered again, would be recognised at its unit (its revision is stored there) and
 * never reach the levels not yet written. The next batch of the province (or a rebuild) first
 * writes what a journal left over, so a batch is stored whole or not at all (docs/adr/0007).
 */
@Schema({ collection: 'fold_journal', versionKey: false, minimize: false })
export class FoldJournal {
  @Prop({ type: String, required: true })
  _id!: string;

  /** Which batch wrote it: only that batch deletes it. */
  @Prop({ required: true })
  batch!: string;

  /** JSON of JournalContent, one string (see UnitAggregate.packed). */
  @Prop({ required: true })
  packed!: string;

  @Prop({ required: true })
  at!: Date;
}

export const FoldJournalSchema = SchemaFactory.createForClass(FoldJournal);
