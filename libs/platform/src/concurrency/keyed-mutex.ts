/**
 * Runs tasks one at a time per key, in arrival order, and tasks of different keys freely.
 * The chain entry for a key is dropped when its last task settles, so idle keys cost nothing.
 */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => mine);
    this.tails.set(key, tail);
    await previous;
    try {
      return await task();
    } finally {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }

  /** Keys with a task running or waiting; for tests and metrics. */
  get activeKeys(): number {
    return this.tails.size;
  }
}
