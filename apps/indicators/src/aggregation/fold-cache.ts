/** A unit-period document as the fold last read or wrote it. */
export interface CachedState {
  packed: string;
  version: number;
}

/** A submission's applied revision as the fold last read or wrote it. */
export interface CachedApplied {
  revision: number;
  late: boolean;
  /** JSON of the values the fold carries for it (carriedValuesOf). */
  packedValues: string;
}

type Entry = { epoch: number; size: number } & ({ kind: 'state'; value: CachedState } | { kind: 'applied'; value: CachedApplied });

/** What the cache may hold, in characters of packed JSON: a few busy provinces' working sets. */
export const FOLD_CACHE_CHARS = 32 * 1024 * 1024;

/**
 * The fold's own copy of the documents it last read or wrote, so that a batch reads from the store
 * only what it has not seen (docs/adr/0007). One writer folds a province (the partition's owner),
 * so its copy stays right for as long as nobody else writes; whoever else does (a rebuild, another
 * replica after a rebalance) bumps the province's generation, and a generation other than the one
 * this process last wrote drops everything cached for the province. The writes stay conditional
 * on the version read, so even a copy that slipped through would fail the batch, not corrupt it.
 *
 * Least recently used entries go first once FOLD_CACHE_CHARS is reached.
 */
export class FoldCache {
  private readonly entries = new Map<string, Entry>();
  /** Per province: entries of another epoch are dropped on sight. */
  private readonly epochs = new Map<string, number>();
  /** Per province: the generation this process's last complete batch wrote. */
  private readonly written = new Map<string, string>();
  private chars = 0;

  constructor(private readonly capacity = FOLD_CACHE_CHARS) {}

  /** Keeps the province's entries only if the stored generation is the one this process last wrote. */
  validate(provinceCode: string, storedGeneration: string | undefined): void {
    if (storedGeneration === undefined || storedGeneration !== this.written.get(provinceCode)) this.forget(provinceCode);
  }

  /** Drops everything cached for the province (after a failed batch, or someone else's write). */
  forget(provinceCode: string): void {
    this.epochs.set(provinceCode, this.epochOf(provinceCode) + 1);
    this.written.delete(provinceCode);
  }

  state(provinceCode: string, id: string): CachedState | undefined {
    const entry = this.take(provinceCode, 'state', id);
    return entry?.kind === 'state' ? entry.value : undefined;
  }

  applied(provinceCode: string, id: string): CachedApplied | undefined {
    const entry = this.take(provinceCode, 'applied', id);
    return entry?.kind === 'applied' ? entry.value : undefined;
  }

  /** What a batch read from the store: valid until the batch's end says otherwise. */
  rememberRead(provinceCode: string, states: Iterable<[string, CachedState]>, applied: Iterable<[string, CachedApplied]>): void {
    const epoch = this.epochOf(provinceCode);
    for (const [id, value] of states) this.put(keyOf(provinceCode, 'state', id), { kind: 'state', value, epoch, size: value.packed.length });
    for (const [id, value] of applied) this.put(keyOf(provinceCode, 'applied', id), { kind: 'applied', value, epoch, size: value.packedValues.length });
  }

  /** What a complete batch wrote, and the generation it bumped the province to. */
  rememberWritten(provinceCode: string, generation: string, states: Iterable<[string, CachedState]>, applied: Iterable<[string, CachedApplied]>): void {
    this.rememberRead(provinceCode, states, applied);
    this.written.set(provinceCode, generation);
  }

  /** Characters held (for tests and metrics). */
  size(): number {
    return this.chars;
  }

  private take(provinceCode: string, kind: Entry['kind'], id: string): Entry | undefined {
    const key = keyOf(provinceCode, kind, id);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.remove(key, entry);
    if (entry.epoch !== this.epochOf(provinceCode)) return undefined;
    // Re-inserted last: the Map's order is the order of use.
    this.entries.set(key, entry);
    this.chars += entry.size;
    return entry;
  }

  private put(key: string, entry: Entry): void {
    const old = this.entries.get(key);
    if (old) this.remove(key, old);
    if (entry.size > this.capacity) return;
    this.entries.set(key, entry);
    this.chars += entry.size;
    for (const [oldest, e] of this.entries) {
      if (this.chars <= this.capacity) break;
      this.remove(oldest, e);
    }
  }

  private remove(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.chars -= entry.size;
  }

  private epochOf(provinceCode: string): number {
    return this.epochs.get(provinceCode) ?? 0;
  }
}

const keyOf = (provinceCode: string, kind: Entry['kind'], id: string) => `${provinceCode}\u0000${kind}\u0000${id}`;
