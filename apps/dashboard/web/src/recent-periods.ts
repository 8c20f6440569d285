export type PeriodType = 'year' | 'nine-months' | 'half-year' | 'quarter' | 'month';

/** The last few periods of a form's type that have closed, oldest first. */
export function recentPeriods(type: PeriodType, today: Date, count = 4): string[] {
  const year = today.getFullYear();
  const month = today.getMonth() + 1;
  const out: string[] = [];
  for (let i = count; i >= 1; i--) {
    if (type === 'year' || type === 'nine-months') out.push(type === 'year' ? String(year - i) : `${year - i}N9`);
    else if (type === 'half-year') {
      const index = (year * 2 + (month > 6 ? 1 : 0)) - i;
      out.push(`${Math.floor(index / 2)}S${(index % 2) + 1}`);
    } else if (type === 'quarter') {
      const index = year * 4 + Math.floor((month - 1) / 3) - i;
      out.push(`${Math.floor(index / 4)}Q${(index % 4) + 1}`);
    } else {
      const index = year * 12 + (month - 1) - i;
      out.push(`${Math.floor(index / 12)}${String((index % 12) + 1).padStart(2, '0')}`);
    }
  }
  return out;
}
