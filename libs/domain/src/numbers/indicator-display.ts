import type { IndicatorKind } from '../indicators/indicator';

/** How an indicator's numbers read, on screens and in files alike (one rule for both). */
export interface ValueDisplay {
  /** A stored value times this is what people read: a ratio's 0.8603 is 86.03 (%). */
  factor: number;
  /** After the number: "%" for percentages, otherwise the catalog's unit of measure. */
  unit: string;
  /** Digits after the decimal separator; undefined: as many as needed, up to two. */
  decimals: number | undefined;
  /** Percentages: a difference between two values is in percentage points. */
  percentage: boolean;
}

/**
 * The display of an indicator's values by its kind: a ratio is stored as a fraction and read as a
 * percentage; a province-level percentage is stored as entered (12.52 means 12.52 %); counts,
 * ranks and milestones are whole numbers; an index keeps two decimals.
 */
export function valueDisplayOf(indicator: { kind: IndicatorKind; unitOfMeasure?: string } | undefined): ValueDisplay {
  const unit = indicator?.unitOfMeasure ?? '';
  switch (indicator?.kind) {
    case 'ratio':
      return { factor: 100, unit: '%', decimals: 2, percentage: true };
    case 'province-percentage':
      return { factor: 1, unit: '%', decimals: 2, percentage: true };
    case 'count':
      return { factor: 1, unit, decimals: 0, percentage: false };
    case 'rank':
    case 'milestone':
      return { factor: 1, unit: '', decimals: 0, percentage: false };
    case 'index':
      return { factor: 1, unit, decimals: 2, percentage: false };
    default:
      return { factor: 1, unit, decimals: undefined, percentage: false };
  }
}

/**
 * A stored value in the scale people read it (a ratio's 0.833333 as 83.3333), precision kept
 * (a scaled value to 6 decimals): files keep numbers that can be summed, and the display's
 * decimals are applied where the number is written out. Null stays null.
 */
export function displayedValue(value: number | null | undefined, display: ValueDisplay): number | null {
  if (value === null || value === undefined) return null;
  // Scaling adds binary noise (0.1 + 0.2 → 30.000000000000004): cleared; unscaled values stay as stored.
  return display.factor === 1 ? value : Math.round(value * display.factor * 1e6) / 1e6;
}
