import fc from 'fast-check';
import { addDays } from './local-date';
import { arbitraryFixedPeriod } from '../periods/period.arbitraries';
import { nextPeriod, periodsBetween } from '../periods/period-navigation';
import { cutOffDate, periodContains, periodDates, periodOfDate } from './reporting-calendar';

describe('Decree 09 cut-off calendar', () => {
  it.each([
    ['202401', '2023-12-15', '2024-01-14'],
    ['202403', '2024-02-15', '2024-03-14'],
    ['202412', '2024-11-15', '2024-12-14'],
    ['2024Q1', '2023-12-15', '2024-03-14'],
    ['2024Q2', '2024-03-15', '2024-06-14'],
    ['2024Q4', '2024-09-15', '2024-12-14'],
    ['2024S1', '2023-12-15', '2024-06-14'],
    ['2024S2', '2024-06-15', '2024-12-14'],
    ['2024N9', '2023-12-15', '2024-09-14'],
    ['2024', '2023-12-15', '2024-12-14'],
  ])('%s covers %s to %s', (id, start, end) => {
    expect(periodDates(id, 'decree-09')).toEqual({ start, end });
    expect(cutOffDate(id, 'decree-09')).toBe(end);
  });

  it('counts the leap day in the month it falls in', () => {
    expect(periodDates('202403', 'decree-09')).toEqual({ start: '2024-02-15', end: '2024-03-14' });
    expect(periodContains('202403', '2024-02-29', 'decree-09')).toBe(true);
  });

  it('puts 20 December into next year’s first month, quarter and year', () => {
    expect(periodOfDate('month', '2024-12-20', 'decree-09')).toBe('202501');
    expect(periodOfDate('quarter', '2024-12-20', 'decree-09')).toBe('2025Q1');
    expect(periodOfDate('year', '2024-12-20', 'decree-09')).toBe('2025');
    expect(periodOfDate('half-year', '2024-06-14', 'decree-09')).toBe('2024S1');
    expect(periodOfDate('half-year', '2024-06-15', 'decree-09')).toBe('2024S2');
    expect(periodOfDate('year', '2024-12-20', 'calendar')).toBe('2024');
  });

  it('tiles time: each period starts the day after the previous one is cut off', () => {
    fc.assert(
      fc.property(arbitraryFixedPeriod.filter((p) => p.type !== 'nine-months'), fc.constantFrom('decree-09' as const, 'calendar' as const), (p, calendar) => {
        expect(periodDates(nextPeriod(p), calendar).start).toBe(addDays(periodDates(p, calendar).end, 1));
      }),
    );
  });

  it('the months of a quarter, half-year and year cover exactly that period', () => {
    for (const calendar of ['decree-09', 'calendar'] as const) {
      const months = periodsBetween('202401', '202412').map((m) => periodDates(m, calendar));
      expect({ start: months[0]!.start, end: months[11]!.end }).toEqual(periodDates('2024', calendar));
      expect({ start: months[3]!.start, end: months[5]!.end }).toEqual(periodDates('2024Q2', calendar));
      expect({ start: months[6]!.start, end: months[11]!.end }).toEqual(periodDates('2024S2', calendar));
      expect({ start: months[0]!.start, end: months[8]!.end }).toEqual(periodDates('2024N9', calendar));
    }
  });

  it('places every date in the period that contains it', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1950-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }),
        fc.constantFrom('year' as const, 'half-year' as const, 'quarter' as const, 'month' as const),
        fc.constantFrom('decree-09' as const, 'calendar' as const),
        (instant, type, calendar) => {
          const date = instant.toISOString().slice(0, 10);
          expect(periodContains(periodOfDate(type, date, calendar), date, calendar)).toBe(true);
        },
      ),
    );
  });
});

describe('calendar periods (statistical reports)', () => {
  it.each([
    ['202402', '2024-02-01', '2024-02-29'],
    ['202302', '2023-02-01', '2023-02-28'],
    ['2024Q4', '2024-10-01', '2024-12-31'],
    ['2024S1', '2024-01-01', '2024-06-30'],
    ['2024N9', '2024-01-01', '2024-09-30'],
    ['2024', '2024-01-01', '2024-12-31'],
  ])('%s covers %s to %s', (id, start, end) => {
    expect(periodDates(id, 'calendar')).toEqual({ start, end });
  });

  it('gives a date range its own dates under either calendar', () => {
    expect(periodDates('20240310_20240420', 'decree-09')).toEqual({ start: '2024-03-10', end: '2024-04-20' });
    expect(periodDates('20240310_20240420', 'calendar')).toEqual({ start: '2024-03-10', end: '2024-04-20' });
  });
});
