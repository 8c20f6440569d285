import { compareDates, isLocalDate, LocalDate, parseLocalDate } from '../calendar/local-date';

/**
 * Period identifiers in the DHIS2 style (docs/adr/0004-period-identifiers.md):
 * `2024` year, `2024S1` half-year, `2024Q1` quarter, `202401` month, and two this platform adds:
 * `2024N9` the first nine months (reports "9 tháng"), `20240301_20240531` an ad hoc date range
 * for thematic and ad hoc reports.
 */
export type FixedPeriodType = 'year' | 'nine-months' | 'half-year' | 'quarter' | 'month';
export type PeriodType = FixedPeriodType | 'range';

export interface FixedPeriod {
  type: FixedPeriodType;
  year: number;
  /** 1 for a year and nine months; 1–2 for a half-year; 1–4 for a quarter; 1–12 for a month. */
  index: number;
}

export interface RangePeriod {
  type: 'range';
  start: LocalDate;
  end: LocalDate;
}

export type Period = FixedPeriod | RangePeriod;

export const ACCEPTED_PERIOD_FORMS = [
  '2024 (year)',
  '2024N9 (nine months)',
  '2024S1 (half-year)',
  '2024Q1 (quarter)',
  '202401 (month)',
  '20240301_20240531 (date range)',
] as const;

export class InvalidPeriodError extends Error {
  constructor(readonly input: string, reason: string) {
    super(`"${input}" is not a period id: ${reason}. Accepted forms: ${ACCEPTED_PERIOD_FORMS.join(', ')}`);
    this.name = 'InvalidPeriodError';
  }
}

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2999;

export const PERIODS_PER_YEAR: Record<FixedPeriodType, number> = { year: 1, 'nine-months': 1, 'half-year': 2, quarter: 4, month: 12 };

const FORMS: ReadonlyArray<{ re: RegExp; type: FixedPeriodType }> = [
  { re: /^(\d{4})$/, type: 'year' },
  { re: /^(\d{4})N9$/, type: 'nine-months' },
  { re: /^(\d{4})S(\d)$/, type: 'half-year' },
  { re: /^(\d{4})Q(\d)$/, type: 'quarter' },
  { re: /^(\d{4})(\d{2})$/, type: 'month' },
];
const RANGE = /^(\d{4})(\d{2})(\d{2})_(\d{4})(\d{2})(\d{2})$/;

export function parsePeriodId(input: string): Period {
  const range = RANGE.exec(input);
  if (range) return parseRange(input, range);
  for (const form of FORMS) {
    const match = form.re.exec(input);
    if (!match) continue;
    const year = Number(match[1]);
    const index = match[2] === undefined ? 1 : Number(match[2]);
    if (year < MIN_YEAR || year > MAX_YEAR) throw new InvalidPeriodError(input, `year must be ${MIN_YEAR}–${MAX_YEAR}`);
    const max = PERIODS_PER_YEAR[form.type];
    if (index < 1 || index > max) throw new InvalidPeriodError(input, `${form.type} number must be 1–${max}`);
    return { type: form.type, year, index };
  }
  throw new InvalidPeriodError(input, 'unknown form');
}

function parseRange(input: string, m: RegExpExecArray): RangePeriod {
  const start = `${m[1]}-${m[2]}-${m[3]}`;
  const end = `${m[4]}-${m[5]}-${m[6]}`;
  if (!isLocalDate(start) || !isLocalDate(end)) throw new InvalidPeriodError(input, 'a date of the range does not exist');
  if (compareDates(start, end) > 0) throw new InvalidPeriodError(input, 'the range ends before it starts');
  const years = [parseLocalDate(start).year, parseLocalDate(end).year];
  if (years.some((y) => y < MIN_YEAR || y > MAX_YEAR)) throw new InvalidPeriodError(input, `year must be ${MIN_YEAR}–${MAX_YEAR}`);
  return { type: 'range', start, end };
}

export function formatPeriodId(period: Period): string {
  switch (period.type) {
    case 'year':
      return String(period.year);
    case 'nine-months':
      return `${period.year}N9`;
    case 'half-year':
      return `${period.year}S${period.index}`;
    case 'quarter':
      return `${period.year}Q${period.index}`;
    case 'month':
      return `${period.year}${String(period.index).padStart(2, '0')}`;
    case 'range':
      return `${period.start.replaceAll('-', '')}_${period.end.replaceAll('-', '')}`;
  }
}

export function isPeriodId(input: string): boolean {
  try {
    parsePeriodId(input);
    return true;
  } catch {
    return false;
  }
}

export function rangePeriod(start: LocalDate, end: LocalDate): RangePeriod {
  return parsePeriodId(`${start.replaceAll('-', '')}_${end.replaceAll('-', '')}`) as RangePeriod;
}

/** The calendar months (1–12) a fixed period spans, first and last. */
export function monthSpanOf(period: FixedPeriod): { first: number; last: number } {
  switch (period.type) {
    case 'year':
      return { first: 1, last: 12 };
    case 'nine-months':
      return { first: 1, last: 9 };
    case 'half-year':
      return { first: period.index * 6 - 5, last: period.index * 6 };
    case 'quarter':
      return { first: period.index * 3 - 2, last: period.index * 3 };
    case 'month':
      return { first: period.index, last: period.index };
  }
}

