/**
 * Period identifiers in the DHIS2 style (docs/adr/0004-period-identifiers.md):
 * `2024` year, `2024S1` half-year, `2024Q1` quarter, `202401` month.
 */
export type PeriodType = 'year' | 'half-year' | 'quarter' | 'month';

export interface Period {
  type: PeriodType;
  year: number;
  /** 1 for a year; 1–2 for a half-year; 1–4 for a quarter; 1–12 for a month. */
  index: number;
}

export const ACCEPTED_PERIOD_FORMS = ['2024 (year)', '2024S1 (half-year)', '2024Q1 (quarter)', '202401 (month)'] as const;

export class InvalidPeriodError extends Error {
  constructor(readonly input: string, reason: string) {
    super(`"${input}" is not a period id: ${reason}. Accepted forms: ${ACCEPTED_PERIOD_FORMS.join(', ')}`);
    this.name = 'InvalidPeriodError';
  }
}

const MIN_YEAR = 1900;
const MAX_YEAR = 2999;
const FORMS: ReadonlyArray<{ re: RegExp; type: PeriodType; max: number }> = [
  { re: /^(\d{4})$/, type: 'year', max: 1 },
  { re: /^(\d{4})S(\d)$/, type: 'half-year', max: 2 },
  { re: /^(\d{4})Q(\d)$/, type: 'quarter', max: 4 },
  { re: /^(\d{4})(\d{2})$/, type: 'month', max: 12 },
];

export function parsePeriodId(input: string): Period {
  for (const form of FORMS) {
    const match = form.re.exec(input);
    if (!match) continue;
    const year = Number(match[1]);
    const index = match[2] === undefined ? 1 : Number(match[2]);
    if (year < MIN_YEAR || year > MAX_YEAR) throw new InvalidPeriodError(input, `year must be ${MIN_YEAR}–${MAX_YEAR}`);
    if (index < 1 || index > form.max) throw new InvalidPeriodError(input, `${form.type} number must be 1–${form.max}`);
    return { type: form.type, year, index };
  }
  throw new InvalidPeriodError(input, 'unknown form');
}

export function formatPeriodId(period: Period): string {
  switch (period.type) {
    case 'year':
      return String(period.year);
    case 'half-year':
      return `${period.year}S${period.index}`;
    case 'quarter':
      return `${period.year}Q${period.index}`;
    case 'month':
      return `${period.year}${String(period.index).padStart(2, '0')}`;
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
