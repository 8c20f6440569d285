// Progress is written at most this often, so a fast export does not spend its time on updates.
export const PROGRESS_EVERY_MS = 250;

/**
 * Counts rows into a percentage and hands it on now and then: never above 99 (100 is for the
 * stored file), never lower than the last one given, one write at a time and in order.
 */
export class ProgressReporter {
  rows = 0;
  private reported = 0;
  private lastWrite = Number.NEGATIVE_INFINITY;
  private pending: Promise<void> = Promise.resolve();

  constructor(
    private readonly expected: number,
    private readonly write: (percent: number) => Promise<void>,
    private readonly now: () => number = Date.now,
  ) {}

  row(): void {
    this.rows++;
    const percent = Math.min(99, Math.floor((this.rows * 100) / Math.max(1, this.expected)));
    const now = this.now();
    if (percent > this.reported && now - this.lastWrite >= PROGRESS_EVERY_MS) {
      this.reported = percent;
      this.lastWrite = now;
      // A failed progress write costs only a figure on the screen, never the export.
      this.pending = this.pending.then(() => this.write(percent)).catch(() => undefined);
    }
  }

  /** Waits for the writes handed on so far. */
  flush(): Promise<void> {
    return this.pending;
  }
}
