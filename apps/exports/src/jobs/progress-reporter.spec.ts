import fc from 'fast-check';
import { PROGRESS_EVERY_MS, ProgressReporter } from './progress-reporter';

describe('ProgressReporter', () => {
  it('reports rising figures below 100, at most once per interval, whatever the row count and timing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 1, max: 3000 }), fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 50 }), async (expected, rows, steps) => {
        const written: number[] = [];
        let time = 0;
        const reporter = new ProgressReporter(expected, async (p) => void written.push(p), () => time);
        for (let i = 0; i < rows; i++) {
          time += steps[i % steps.length];
          reporter.row();
        }
        await reporter.flush();
        expect(written).toEqual([...new Set(written)].sort((a, b) => a - b));
        expect(written.every((p) => p >= 1 && p <= 99)).toBe(true);
        // The first write, then at most one per interval of the time that passed.
        expect(written.length).toBeLessThanOrEqual(1 + Math.floor(time / PROGRESS_EVERY_MS));
        expect(reporter.rows).toBe(rows);
      }),
    );
  });

  it('gives the first figure at once and counts past an estimate that was too low', async () => {
    const written: number[] = [];
    let time = 0;
    const reporter = new ProgressReporter(10, async (p) => void written.push(p), () => time);
    reporter.row();
    for (let i = 0; i < 30; i++) {
      time += 1000;
      reporter.row();
    }
    await reporter.flush();
    expect(written[0]).toBe(10);
    expect(written.at(-1)).toBe(99);
  });

  it('keeps going when a write fails', async () => {
    let time = 0;
    const written: number[] = [];
    const reporter = new ProgressReporter(4, async (p) => {
      if (p === 25) throw new Error('database away');
      written.push(p);
    }, () => (time += 1000));
    for (let i = 0; i < 4; i++) reporter.row();
    await reporter.flush();
    expect(written).toEqual([50, 75, 99]);
  });
});
