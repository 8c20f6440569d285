import { buildScorecard, describeCounts } from './scorecard';
import { gapToTarget, progressOf, Target, targetStatus, trajectoryValue } from './target';

const target = (indicatorCode: string, overrides: Partial<Target> = {}): Target => ({
  indicatorCode,
  year: 2025,
  value: 0.8,
  comparison: 'at-least',
  pillar: 'digital-government',
  ...overrides,
});

describe('target status', () => {
  it('achieved, not achieved, or not measurable without data', () => {
    expect(targetStatus(target('A'), 0.86)).toBe('achieved');
    expect(targetStatus(target('A'), 0.8)).toBe('achieved');
    expect(targetStatus(target('A'), 0.79)).toBe('not-achieved');
    expect(targetStatus(target('A'), null)).toBe('not-measurable');
    expect(targetStatus(target('A'), undefined)).toBe('not-measurable');
    expect(targetStatus(target('A'), Number.NaN)).toBe('not-measurable');
  });

  it('lower is better for villages without signal and the DTI rank', () => {
    const rank = target('DTI_RANK', { value: 10, comparison: 'at-most' });
    expect(targetStatus(rank, 6)).toBe('achieved');
    expect(targetStatus(rank, 11)).toBe('not-achieved');
    expect(gapToTarget(rank, 6)).toBe(4);
  });

  it('a milestone is achieved when done', () => {
    const m = target('PILOT', { value: 1, comparison: 'done' });
    expect(targetStatus(m, 1)).toBe('achieved');
    expect(targetStatus(m, 0)).toBe('not-achieved');
  });

  it('measures the gap so that positive is better than the target', () => {
    expect(gapToTarget(target('A'), 0.86)).toBeCloseTo(0.06);
    expect(gapToTarget(target('A'), 0.7)).toBeCloseTo(-0.1);
    expect(gapToTarget(target('A'), null)).toBeNull();
  });
});

describe('progress against a linear trajectory', () => {
  const t = target('FIBRE', { value: 0.8, baseline: { date: '2023-12-31', value: 0.6 } });

  it('expects the straight line from baseline to target', () => {
    expect(trajectoryValue(t, '2024-12-31')).toBeCloseTo(0.7, 2);
    expect(trajectoryValue(t, '2026-06-30')).toBe(0.8);
    expect(trajectoryValue(t, '2023-01-01')).toBe(0.6);
    expect(trajectoryValue(target('X'), '2024-12-31')).toBeNull();
    expect(trajectoryValue(target('X', { baseline: { date: '2026-01-01', value: 0 } }), '2026-02-01')).toBe(0.8);
  });

  it('is on track at or above the line, at risk below it', () => {
    expect(progressOf(t, 0.72, '2024-12-31')).toBe('on-track');
    expect(progressOf(t, 0.65, '2024-12-31')).toBe('at-risk');
    expect(progressOf(t, null, '2024-12-31')).toBeUndefined();
    expect(progressOf(target('X'), 0.5, '2024-12-31')).toBeUndefined();
    const m = target('PILOT', { value: 1, comparison: 'done', baseline: { date: '2024-01-01', value: 0 } });
    expect(progressOf(m, 0, '2024-06-30')).toBe('at-risk');
    expect(progressOf(m, 1, '2024-06-30')).toBe('on-track');
  });
});

describe('scorecards', () => {
  it('count 21/30 achieved when 21 of 30 targets are met', () => {
    const targets = Array.from({ length: 30 }, (_, i) => target(`T${i}`, { pillar: i < 10 ? 'digital-government' : i < 20 ? 'digital-economy' : 'digital-society' }));
    const actuals = new Map(targets.map((t, i) => [t.indicatorCode, i < 21 ? 0.9 : i < 27 ? 0.5 : null]));
    const card = buildScorecard({ targets, actuals });
    expect(card.overall).toMatchObject({ total: 30, achieved: 21, notAchieved: 6, notMeasurable: 3 });
    expect(describeCounts(card.overall).ratio).toBe('21/30');
    expect(card.pillars.map((p) => [p.pillar, p.counts.achieved, p.counts.total])).toEqual([
      ['digital-government', 10, 10],
      ['digital-economy', 10, 10],
      ['digital-society', 1, 10],
    ]);
  });

  it('reads like the 2023 review of plan 72/KH-BCĐ: 32 indicators, 4 not achieved, 3 not measurable', () => {
    const targets = Array.from({ length: 32 }, (_, i) => target(`P${i}`));
    const actuals = new Map(targets.map((t, i) => [t.indicatorCode, i < 25 ? 1 : i < 29 ? 0.1 : null]));
    expect(describeCounts(buildScorecard({ targets, actuals }).overall)).toEqual({
      ratio: '25/32',
      en: '25/32 achieved, 4 not achieved, 3 not measurable',
      vi: '25/32 chỉ tiêu đạt, 4 chỉ tiêu không đạt, 3 chỉ tiêu không đánh giá được',
    });
  });

  it('gives each target its value, gap, progress and change since the previous period, pillars in the programme’s order', () => {
    const targets = [
      target('FIBRE', { pillar: 'digital-society', baseline: { date: '2023-12-31', value: 0.6 } }),
      target('ONLINE', { pillar: 'digital-government', value: 0.9 }),
      target('BORDER', { pillar: 'digital-border-gate', value: 1, comparison: 'done' }),
    ];
    const card = buildScorecard({
      targets,
      actuals: new Map([
        ['FIBRE', 0.8006],
        ['ONLINE', 0.949],
      ]),
      previous: new Map([['FIBRE', 0.75]]),
      asOf: '2024-12-14',
      pillarOrder: ['party-agencies', 'digital-government', 'digital-economy', 'digital-society', 'digital-border-gate'],
    });
    expect(card.pillars.map((p) => p.pillar)).toEqual(['digital-government', 'digital-society', 'digital-border-gate']);
    expect(card.lines[0]).toMatchObject({ actual: 0.8006, status: 'achieved', progress: 'on-track' });
    expect(card.lines[0]!.change).toBeCloseTo(0.0506);
    expect(card.lines[1]).not.toHaveProperty('change');
    expect(card.lines[2]).toMatchObject({ actual: null, status: 'not-measurable', gap: null });
    expect(card.overall).toMatchObject({ total: 3, achieved: 2, notMeasurable: 1, onTrack: 1, atRisk: 0 });
  });
});
