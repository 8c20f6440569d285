import { Injectable } from '@nestjs/common';
import { etagOf } from '@dtp/platform';
import { CATALOG_GENERATION, FoldGenerations, isWriting } from './fold-generations.service';

/** A read answer as it goes on the wire: serialised and encoded once, with its ETag. */
export interface CachedView {
  json: string;
  bytes: Buffer;
  etag: string;
}

/** Views kept per process; the oldest go first. A scorecard is a few kilobytes. */
const MAX_VIEWS = 5000;
/** How long a reader waits for a province being written (a batch writes in well under a second). */
const WRITE_WAIT_MS = 3000;
const WRITE_POLL_MS = 25;
/** Computations of one view when the province keeps changing under it; the last is served uncached. */
const MAX_ATTEMPTS = 3;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Read models as cached views (docs/adr/0007): a scorecard, ranking, series or aggregate is
 * computed once per change of its province's fold generation (and of the catalog's), then
 * served from memory with its ETag, so a room of officials opening the dashboard costs no store
 * work beyond the generation check (one read by `_id` per province per GENERATION_TTL_MS).
 */
@Injectable()
export class ViewCache {
  private readonly views = new Map<string, { generation: string; view: CachedView }>();
  private readonly computing = new Map<string, Promise<{ view: CachedView; settled: boolean }>>();

  constructor(private readonly generations: FoldGenerations) {}

  /**
   * The view at the province's current generation: from memory, or computed once for all callers
   * asking at that generation. Never from a province being written (readers see the figures
   * before a change or after it, never a mix): while a fold batch or a rebuild writes, callers wait
   * for it (up to WRITE_WAIT_MS); a view whose generation moved while it was computed is computed
   * again. `provinceCode` undefined: nothing tells which province the view folds from; computed
   * every time.
   */
  async get(provinceCode: string | undefined, key: string, compute: () => Promise<unknown>): Promise<CachedView> {
    if (provinceCode === undefined) return toView(await compute());
    for (let attempt = 1; ; attempt += 1) {
      const generation = await this.settledGenerationOf(provinceCode);
      const cached = this.views.get(key);
      if (cached?.generation === generation) return cached.view;
      const flight = `${key}@${generation}`;
      let pending = this.computing.get(flight);
      if (!pending) {
        pending = this.computeAt(provinceCode, key, generation, compute);
        this.computing.set(flight, pending);
        void pending.catch(() => undefined).finally(() => this.computing.delete(flight));
      }
      const outcome = await pending;
      if (outcome.settled || attempt >= MAX_ATTEMPTS) return outcome.view;
    }
  }

  /** Computes a view and keeps it if the province's generation did not move meanwhile (read again from the store). */
  private async computeAt(provinceCode: string, key: string, generation: string, compute: () => Promise<unknown>): Promise<{ view: CachedView; settled: boolean }> {
    const view = toView(await compute());
    const [province] = generation.split('/');
    const settled = ((await this.generations.stored(provinceCode)) ?? 'none') === province && !isWriting(province);
    if (settled) this.remember(key, generation, view);
    return { view, settled };
  }

  /** The generations to compute at; while the province is being written, waits for its next generation. */
  private async settledGenerationOf(provinceCode: string): Promise<string> {
    const deadline = Date.now() + WRITE_WAIT_MS;
    let generation = await this.generationOf(provinceCode);
    // A writer that stopped half-way leaves the mark until its batch is folded again: then compute anyway.
    while (isWriting(generation.split('/')[0]) && Date.now() < deadline) {
      await sleep(WRITE_POLL_MS);
      await this.generations.refresh(provinceCode);
      generation = await this.generationOf(provinceCode);
    }
    return generation;
  }

  /**
   * The view if it is cached and its generation is known current right now (no store read):
   * what FastReads serves without Nest. Undefined sends the request the long way.
   */
  peek(provinceCode: string | undefined, key: string): CachedView | undefined {
    if (provinceCode === undefined) return undefined;
    const province = this.generations.peek(provinceCode);
    const catalog = this.generations.peek(CATALOG_GENERATION);
    if (province === undefined || catalog === undefined) return undefined;
    const cached = this.views.get(key);
    return cached?.generation === `${province}/${catalog}` ? cached.view : undefined;
  }

  private async generationOf(provinceCode: string): Promise<string> {
    const [province, catalog] = await Promise.all([this.generations.current(provinceCode), this.generations.current(CATALOG_GENERATION)]);
    return `${province}/${catalog}`;
  }

  private remember(key: string, generation: string, view: CachedView): void {
    this.views.delete(key);
    this.views.set(key, { generation, view });
    const oldest = this.views.keys().next();
    if (this.views.size > MAX_VIEWS && !oldest.done) this.views.delete(oldest.value);
  }
}

function toView(body: unknown): CachedView {
  const json = JSON.stringify(body);
  return { json, bytes: Buffer.from(json), etag: etagOf(json) };
}
