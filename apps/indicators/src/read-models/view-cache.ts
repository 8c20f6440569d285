import { Injectable } from '@nestjs/common';
import { etagOf } from '@dtp/platform';
import { CATALOG_GENERATION, FoldGenerations } from './fold-generations.service';

/** A read answer as it goes on the wire: serialised once, with its ETag. */
export interface CachedView {
  json: string;
  etag: string;
}

/** Views kept per process; the oldest go first. A scorecard is a few kilobytes. */
const MAX_VIEWS = 5000;

/**
 * Read models as cached views (docs/adr/0007): a scorecard, ranking, series or aggregate is
 * computed once per change of its province's fold generation (and of the catalog's), then
 * served from memory with its ETag, so a room of officials opening the dashboard costs no store
 * work beyond the generation check (one read by `_id` per province per GENERATION_TTL_MS).
 */
@Injectable()
export class ViewCache {
  private readonly views = new Map<string, { generation: string; view: CachedView }>();
  private readonly computing = new Map<string, Promise<CachedView>>();

  constructor(private readonly generations: FoldGenerations) {}

  /** `provinceCode` undefined: nothing tells which province the view folds from; compute it every time. */
  async get(provinceCode: string | undefined, key: string, compute: () => Promise<unknown>): Promise<CachedView> {
    if (provinceCode === undefined) return toView(await compute());
    const generation = await this.generationOf(provinceCode);
    const cached = this.views.get(key);
    if (cached?.generation === generation) return cached.view;
    const flight = `${key}@${generation}`;
    let pending = this.computing.get(flight);
    if (!pending) {
      pending = compute().then(toView);
      this.computing.set(flight, pending);
      void pending
        .then((view) => this.remember(key, generation, view))
        .catch(() => undefined)
        .finally(() => this.computing.delete(flight));
    }
    return pending;
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
  return { json, etag: etagOf(json) };
}
