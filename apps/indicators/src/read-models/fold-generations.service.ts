import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectModel, Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Model } from 'mongoose';

/** A province's fold generation: bumped by every batch the fold writes, in any replica. */
@Schema({ collection: 'fold_generations', versionKey: false })
export class FoldGeneration {
  @Prop({ type: String, required: true })
  _id!: string;

  /** A fresh token per change rather than a counter: FerretDB does not isolate `$inc`, and two equal tokens must mean one state. */
  @Prop({ required: true })
  generation!: string;

  @Prop({ required: true })
  updatedAt!: Date;
}

export const FoldGenerationSchema = SchemaFactory.createForClass(FoldGeneration);

/** The prefix of a generation that says the province is being written (FoldGenerations.beginWrite). */
export const WRITING = 'writing:';

export const isWriting = (generation: string | undefined): boolean => generation?.startsWith(WRITING) ?? false;

/** How stale a replica's idea of a province's generation may be: the bound on a cached view's age. */
export const GENERATION_TTL_MS = 200;

/**
 * The version the read caches check (docs/adr/0007): a view computed at generation g is served
 * while the province is still at g. Whichever replica folds, the others see the new generation
 * within GENERATION_TTL_MS, at the cost of one read by `_id` per province per interval — not per
 * request.
 */
@Injectable()
export class FoldGenerations {
  private readonly known = new Map<string, { generation: string; readAt: number; reading?: Promise<string> }>();
  private readonly refreshing = new Map<string, Promise<string | undefined>>();

  constructor(@InjectModel(FoldGeneration.name) private readonly generations: Model<FoldGeneration>) {}

  /**
   * Marks the province as being written (a fold batch or a rebuild between its first and last
   * write): readers wait for the next generation rather than compute a view from a mix of
   * documents before and after the change (ViewCache).
   */
  async beginWrite(provinceCode: string): Promise<string> {
    const generation = `${WRITING}${randomUUID()}`;
    await this.generations.updateOne({ _id: provinceCode }, { $set: { generation, updatedAt: new Date() } }, { upsert: true }).exec();
    this.known.set(provinceCode, { generation, readAt: Date.now() });
    return generation;
  }

  /**
   * Ends a write begun with `beginWrite`: a new generation, and whether nobody else marked or
   * moved the province meanwhile (another writer's mark replaced ours: what this writer holds of
   * the province is not to be trusted).
   */
  async finishWrite(provinceCode: string, writing: string): Promise<{ generation: string; undisturbed: boolean }> {
    const generation = randomUUID();
    const { matchedCount } = await this.generations.updateOne({ _id: provinceCode, generation: writing }, { $set: { generation, updatedAt: new Date() } }).exec();
    if (matchedCount === 0) await this.generations.updateOne({ _id: provinceCode }, { $set: { generation, updatedAt: new Date() } }, { upsert: true }).exec();
    this.known.set(provinceCode, { generation, readAt: Date.now() });
    return { generation, undisturbed: matchedCount === 1 };
  }

  /** Moves the province to a new generation; returns it. */
  async bump(provinceCode: string): Promise<string> {
    const generation = randomUUID();
    await this.generations.updateOne({ _id: provinceCode }, { $set: { generation, updatedAt: new Date() } }, { upsert: true }).exec();
    this.known.set(provinceCode, { generation, readAt: Date.now() });
    return generation;
  }

  /** The province's generation as stored now (one read by `_id`, begun now, no cache): for writers and readers that must know. */
  async stored(provinceCode: string): Promise<string | undefined> {
    const generation = (await this.generations.findById(provinceCode, { generation: 1 }).lean<FoldGeneration>().exec())?.generation;
    this.known.set(provinceCode, { generation: generation ?? 'none', readAt: Date.now() });
    return generation;
  }

  /** Reads the generation again, one read shared by everyone asking meanwhile (readers waiting out a write). */
  refresh(provinceCode: string): Promise<string | undefined> {
    const inFlight = this.refreshing.get(provinceCode);
    if (inFlight) return inFlight;
    const read = this.stored(provinceCode).finally(() => this.refreshing.delete(provinceCode));
    this.refreshing.set(provinceCode, read);
    return read;
  }

  /** The generation if it was read less than GENERATION_TTL_MS ago; undefined when only a read can tell. */
  peek(provinceCode: string): string | undefined {
    const entry = this.known.get(provinceCode);
    return entry && !entry.reading && Date.now() - entry.readAt < GENERATION_TTL_MS ? entry.generation : undefined;
  }

  /** The province's generation as of at most GENERATION_TTL_MS ago; concurrent callers share one read. */
  current(provinceCode: string): Promise<string> {
    const entry = this.known.get(provinceCode);
    if (entry && Date.now() - entry.readAt < GENERATION_TTL_MS) return Promise.resolve(entry.generation);
    if (entry?.reading) return entry.reading;
    const reading = this.generations
      .findById(provinceCode, { generation: 1 })
      .lean<FoldGeneration>()
      .exec()
      .then((doc) => {
        const generation = doc?.generation ?? 'none';
        this.known.set(provinceCode, { generation, readAt: Date.now() });
        return generation;
      })
      .catch((error: unknown) => {
        // The entry in the map (set just below), not the one read before: the next call reads again.
        const current = this.known.get(provinceCode);
        if (current?.reading === reading) this.known.set(provinceCode, { generation: current.generation, readAt: current.readAt });
        throw error;
      });
    this.known.set(provinceCode, { generation: entry?.generation ?? 'unknown', readAt: entry?.readAt ?? 0, reading });
    return reading;
  }
}

/** The generation of what every province's views also depend on: programmes, indicator definitions, units. */
export const CATALOG_GENERATION = '*catalog';
