import { daysBetween, LocalDate } from '../calendar/local-date';
import type { TargetScope } from './target-scope';

/**
 * A target of a programme: national Decision 749/QĐ-TTg, a province's resolution (Lạng Sơn
 * 49-NQ/TU: 30 targets for 2025), a yearly plan (72/KH-BCĐ). `at-least` for higher-is-better,
 * `at-most` for lower-is-better (villages without signal, DTI rank), `done` for milestones.
 */
export type Comparison = 'at-least' | 'at-most' | 'done';
export type TargetStatus = 'achieved' | 'not-achieved' | 'not-measurable';
export type Progress = 'on-track' | 'at-risk';

export interface Target {
  indicatorCode: string;
  year: number;
  /** In the indicator's own scale: 0.8 for 80 % of a ratio; 1 for a milestone. */
  value: number;
  comparison: Comparison;
  pillar: string;
  /** Where the trajectory starts, for on-track / at-risk before the target year ends. */
  baseline?: { date: LocalDate; value: number };
  /** Whom the target is set for (target-scope.ts); absent: the province, as before scopes existed. */
  scope?: TargetScope;
  /** With `scope: 'units'`: the units it is set for. */
  unitCodes?: string[];
}

const EPSILON = 1e-9;

/** Whether an actual value meets a threshold in the target's direction. */
export function meets(comparison: Comparison, actual: number, threshold: number): boolean {
  switch (comparison) {
    case 'at-least':
      return actual >= threshold - EPSILON;
    case 'at-most':
      return actual <= threshold + EPSILON;
    case 'done':
      return actual >= 1;
  }
}

/** `null` or `undefined`: no data, or no method to measure it (seed 003: "không đánh giá được"). */
export function targetStatus(target: Target, actual: number | null | undefined): TargetStatus {
  if (actual === null || actual === undefined || !Number.isFinite(actual)) return 'not-measurable';
  return meets(target.comparison, actual, target.value) ? 'achieved' : 'not-achieved';
}

/** How far the actual is from the target, signed so that positive is better than the target. */
export function gapToTarget(target: Target, actual: number | null | undefined): number | null {
  if (actual === null || actual === undefined) return null;
  return target.comparison === 'at-most' ? target.value - actual : actual - target.value;
}

/** The value a linear trajectory from the baseline to the target expects on a date. */
export function trajectoryValue(target: Target, on: LocalDate): number | null {
  if (!target.baseline) return null;
  const end = `${target.year}-12-31`;
  const total = daysBetween(target.baseline.date, end);
  if (total <= 0) return target.value;
  const elapsed = Math.min(Math.max(daysBetween(target.baseline.date, on), 0), total);
  return target.baseline.value + ((target.value - target.baseline.value) * elapsed) / total;
}

/**
 * On track when the actual is where the straight line from baseline to target says it should be
 * by now; at risk when it is behind. Undefined without a baseline or data.
 */
export function progressOf(target: Target, actual: number | null | undefined, on: LocalDate): Progress | undefined {
  const expected = trajectoryValue(target, on);
  if (expected === null || actual === null || actual === undefined) return undefined;
  if (target.comparison === 'done') return actual >= 1 ? 'on-track' : 'at-risk';
  return meets(target.comparison, actual, expected) ? 'on-track' : 'at-risk';
}
