import { FixedPeriod, formatPeriodId, parsePeriodId, Period, PERIODS_PER_YEAR, MAX_YEAR, MIN_YEAR } from './period-id';

/** Position of a fixed period on its own timeline, so neighbours are ±1. */
function ordinalOf(p: FixedPeriod): number {
  return p.year * PERIODS_PER_YEAR[p.type] + (p.index - 1);
}

function fromOrdinal(type: FixedPeriod['type'], ordinal: number): FixedPeriod {
  const per = PERIODS_PER_YEAR[type];
  const year = Math.floor(ordinal / per);
  if (year < MIN_YEAR || year > MAX_YEAR) throw new RangeError(`no ${type} period in year ${year}: years are ${MIN_YEAR}–${MAX_YEAR}`);
  return { type, year, index: (ordinal % per) + 1 };
}

function fixed(period: Period | string): FixedPeriod {
  const p = typeof period === 'string' ? parsePeriodId(period) : period;
  if (p.type === 'range') throw new TypeError(`a date range (${formatPeriodId(p)}) has no next or previous period`);
  return p;
}

export function nextPeriod(period: Period | string, steps = 1): FixedPeriod {
  const p = fixed(period);
  return fromOrdinal(p.type, ordinalOf(p) + steps);
}

export function previousPeriod(period: Period | string, steps = 1): FixedPeriod {
  return nextPeriod(period, -steps);
}

/** Every period from `from` to `to`, both included; they must be of one type. */
export function periodsBetween(from: Period | string, to: Period | string): FixedPeriod[] {
  const a = fixed(from);
  const b = fixed(to);
  if (a.type !== b.type) throw new TypeError(`cannot list from a ${a.type} to a ${b.type}`);
  const out: FixedPeriod[] = [];
  for (let o = ordinalOf(a); o <= ordinalOf(b); o += 1) out.push(fromOrdinal(a.type, o));
  return out;
}

/** The `count` periods ending with `period`, oldest first: the window of a trend. */
export function lastPeriods(period: Period | string, count: number): FixedPeriod[] {
  const end = fixed(period);
  return periodsBetween(previousPeriod(end, count - 1), end);
}
