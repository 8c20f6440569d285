import fc from 'fast-check';
import { deadlineOf, isLate } from './deadline-rule';
import { addDays, localDate, weekdayOf } from './local-date';
import { hungKingsDay, lunarNewYear, solarDateOfLunar } from './lunar-calendar';
import { CalendarOverride, overrideProblems, provinceWorkingCalendar, provinceYearCalendar, PUBLISHED_HOLIDAY_YEARS, statutoryHolidays, vietnamHolidays } from './vietnam-holidays';
import { isWorkingDay, MONDAY_TO_FRIDAY } from './working-days';

describe('the lunar calendar', () => {
  it.each([
    [2019, '2019-02-05', '2019-04-14'],
    [2020, '2020-01-25', '2020-04-02'], // leap 4th month after Giỗ Tổ
    [2021, '2021-02-12', '2021-04-21'],
    [2023, '2023-01-22', '2023-04-29'], // leap 2nd month before Giỗ Tổ
    [2024, '2024-02-10', '2024-04-18'],
    [2025, '2025-01-29', '2025-04-07'],
    [2026, '2026-02-17', '2026-04-26'],
    [2027, '2027-02-06', '2027-04-16'],
  ])('places Tết %i on %s and 10/3 âm lịch on %s', (year, tet, hung) => {
    expect(lunarNewYear(year)).toBe(tet);
    expect(hungKingsDay(year)).toBe(hung);
  });

  it('counts new moons in Vietnam time: Tết 2030 is 2/2, a day before the Chinese New Year', () => {
    expect(lunarNewYear(2030)).toBe('2030-02-02');
  });

  it('places days of the 11th and 12th months in the solar year of their lunar year, and refuses a month or day that does not exist', () => {
    // 23 tháng Chạp Ất Tỵ (ông Công ông Táo) and the last day of that year, the eve of Tết 2026.
    expect(solarDateOfLunar(2025, 12, 23)).toBe('2026-02-10');
    expect(addDays(lunarNewYear(2026), -1)).toBe('2026-02-16');
    expect(() => solarDateOfLunar(2025, 13, 1)).toThrow('lunar month must be 1–12, got 13');
    expect(() => solarDateOfLunar(2025, 1, 31)).toThrow('lunar day must be 1–30, got 31');
  });
});

describe("Vietnam's shipped days off", () => {
  const years = [...PUBLISHED_HOLIDAY_YEARS, 2027, 2028, 2031];

  it('ships the published years 2024, 2025 and 2026, each citing the Labour Code and its decisions', () => {
    expect(PUBLISHED_HOLIDAY_YEARS).toEqual([2024, 2025, 2026]);
    for (const year of PUBLISHED_HOLIDAY_YEARS) {
      const y = vietnamHolidays(year);
      expect(y.basis[0]).toContain('Điều 112');
      expect(y.basis.length).toBeGreaterThan(1);
    }
  });

  it.each(years)('%i: no date twice, every date in its year, days off on weekdays, make-up days on weekends', (year) => {
    const y = vietnamHolidays(year);
    const dates = [...y.daysOff, ...y.workingWeekendDays].map((d) => d.date);
    expect(new Set(dates).size).toBe(dates.length);
    for (const d of dates) expect(d.startsWith(`${year}-`)).toBe(true);
    for (const d of y.daysOff) expect(weekdayOf(d.date)).toBeLessThanOrEqual(5);
    for (const d of y.workingWeekendDays) expect(weekdayOf(d.date)).toBeGreaterThanOrEqual(6);
  });

  it.each(years)('%i: has the statutory days: 1/1, 30/4, 1/5, 2/9 and one day next to it, Giỗ Tổ, and Tết in five working days off', (year) => {
    const y = vietnamHolidays(year);
    const offOrWeekend = (date: string) => y.daysOff.some((d) => d.date === date) || weekdayOf(date) > 5;
    for (const date of [localDate(year, 1, 1), localDate(year, 4, 30), localDate(year, 5, 1), localDate(year, 9, 2), hungKingsDay(year), lunarNewYear(year)]) {
      expect(offOrWeekend(date)).toBe(true);
    }
    expect(offOrWeekend(localDate(year, 9, 1)) || offOrWeekend(localDate(year, 9, 3))).toBe(true);
    expect(y.daysOff.filter((d) => d.nameEn.startsWith('Lunar New Year')).length).toBe(5);
    expect(y.daysOff.filter((d) => d.kind !== 'swapped').length).toBe(11);
  });

  it('matches the published Tết of 2025 (27–31/1) and 2026 (16–20/2) and the swapped days', () => {
    const tet = (year: number) => vietnamHolidays(year).daysOff.filter((d) => d.nameVi === 'Tết Nguyên đán').map((d) => d.date);
    expect(tet(2025)).toEqual(['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31']);
    expect(tet(2026)).toEqual(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']);
    expect(vietnamHolidays(2024).workingWeekendDays.map((d) => d.date)).toEqual(['2024-05-04']);
    expect(vietnamHolidays(2025).workingWeekendDays.map((d) => d.date)).toEqual(['2025-04-26']);
    expect(vietnamHolidays(2026).workingWeekendDays.map((d) => d.date)).toEqual(['2026-01-10']);
  });

  it('marks what is not from a published decision for the province to confirm, in both languages', () => {
    expect(vietnamHolidays(2025).confirmed).toBe(true);
    expect(vietnamHolidays(2026).toConfirm?.vi).toContain('Quốc khánh');
    const later = vietnamHolidays(2027);
    expect(later.confirmed).toBe(false);
    expect(later.toConfirm?.vi).toContain('Bộ Nội vụ');
    expect(later.toConfirm?.en).toContain('Ministry of Home Affairs');
  });

  it('makes up a holiday on a weekend on the next free weekday: 2027, Tết on Saturday 6/2', () => {
    const tet = statutoryHolidays(2027).daysOff.filter((d) => d.nameVi === 'Tết Nguyên đán');
    // 5/2 (last day of the year), 6–7/2 at the weekend made up on 10–11/2 after mùng 3–4 (8–9/2).
    expect(tet.map((d) => [d.date, d.kind])).toEqual([
      ['2027-02-05', 'holiday'],
      ['2027-02-08', 'holiday'],
      ['2027-02-09', 'holiday'],
      ['2027-02-10', 'compensating'],
      ['2027-02-11', 'compensating'],
    ]);
  });

  it('refuses a year outside what the calendar covers', () => {
    expect(() => vietnamHolidays(1800)).toThrow(RangeError);
  });
});

describe("a province's working calendar", () => {
  const monthly = { kind: 'day-of-month', day: 1, monthsAfterPeriodEnd: 0 } as const;

  it('moves a deadline that falls in Tết 2025 to the first working day after it', () => {
    // A monthly report for 01/2025 (Decree 09: 15/12 to 14/1) due "the 28th": Tết from 27/1.
    const rule = { kind: 'day-of-month', day: 28, monthsAfterPeriodEnd: 0 } as const;
    expect(deadlineOf(rule, '202501', 'decree-09', MONDAY_TO_FRIDAY)).toBe('2025-01-28');
    expect(deadlineOf(rule, '202501', 'decree-09', provinceWorkingCalendar())).toBe('2025-02-03');
  });

  it('moves a deadline that falls in Tết 2026 to Monday 23/2, and a report on 21/2 is not late', () => {
    const rule = { kind: 'day-of-month', day: 17, monthsAfterPeriodEnd: 0 } as const;
    const deadline = deadlineOf(rule, '202602', 'decree-09', provinceWorkingCalendar());
    expect(deadline).toBe('2026-02-23');
    expect(isLate(new Date('2026-02-21T03:00:00Z'), deadline)).toBe(false);
    expect(isLate(new Date('2026-02-21T03:00:00Z'), deadlineOf(rule, '202602', 'decree-09', MONDAY_TO_FRIDAY))).toBe(true);
  });

  it('counts a make-up Saturday as a working day: 1/2026 due on 10/1, the Saturday worked', () => {
    const rule = { kind: 'day-of-month', day: 10, monthsAfterPeriodEnd: 1 } as const;
    expect(isWorkingDay('2026-01-10', provinceWorkingCalendar())).toBe(true);
    expect(deadlineOf(rule, '202512', 'decree-09', provinceWorkingCalendar())).toBe('2026-01-10');
    expect(deadlineOf(rule, '202512', 'decree-09', MONDAY_TO_FRIDAY)).toBe('2026-01-12');
  });

  it("applies the province's overrides last: a provincial day off and a Saturday no longer worked", () => {
    const overrides: CalendarOverride[] = [
      { date: '2025-03-03', working: false, reason: 'Quyết định của UBND tỉnh: ngày giải phóng tỉnh' },
      { date: '2025-04-26', working: false, reason: 'Tỉnh không làm bù' },
      { date: '2025-05-02', working: true, reason: 'Tỉnh không hoán đổi' },
    ];
    const cal = provinceWorkingCalendar(overrides);
    expect([isWorkingDay('2025-03-03', cal), isWorkingDay('2025-04-26', cal), isWorkingDay('2025-05-02', cal)]).toEqual([false, false, true]);
    expect(deadlineOf(monthly, '202503', 'calendar', cal)).toBe('2025-03-04');
  });

  it('keeps the deployment-wide extra days from the environment under the overrides', () => {
    const cal = provinceWorkingCalendar([{ date: '2025-06-10', working: true, reason: 'đi làm' }], { holidays: ['2025-06-09', '2025-06-10'] });
    expect(isWorkingDay('2025-06-09', cal)).toBe(false);
    expect(isWorkingDay('2025-06-10', cal)).toBe(true);
  });

  it('makes each overridden date what its override says and leaves every other date as shipped', () => {
    const day = fc.integer({ min: 0, max: 3 * 366 }).map((n) => addDays('2024-01-01', n));
    const override = fc.record({ date: day, working: fc.boolean(), reason: fc.constant('quyết định') });
    fc.assert(
      fc.property(fc.uniqueArray(override, { selector: (o) => o.date, maxLength: 20 }), day, (overrides, probe) => {
        const shipped = provinceWorkingCalendar();
        const cal = provinceWorkingCalendar(overrides);
        for (const o of overrides) expect(isWorkingDay(o.date, cal)).toBe(o.working);
        if (!overrides.some((o) => o.date === probe)) expect(isWorkingDay(probe, cal)).toBe(isWorkingDay(probe, shipped));
        // Applying the same overrides twice changes nothing.
        expect(isWorkingDay(probe, provinceWorkingCalendar([...overrides, ...overrides]))).toBe(isWorkingDay(probe, cal));
      }),
    );
  });
});

describe("checking a province's overrides", () => {
  it('accepts a clean list', () => {
    expect(overrideProblems([{ date: '2025-03-03', working: false, reason: 'Quyết định 1/QĐ-UBND' }])).toEqual([]);
  });

  it('names the field of each problem in both languages', () => {
    const problems = overrideProblems([
      { date: '30/4/2025', working: false, reason: 'x' },
      { date: '2025-03-03', working: false, reason: 'x' },
      { date: '2025-03-03', working: true, reason: ' ' },
      { date: '2150-01-01', working: 'yes' as unknown as boolean, reason: 'x' },
    ]);
    expect(problems.map((p) => p.field)).toEqual(['overrides[0].date', 'overrides[2].date', 'overrides[2].reason', 'overrides[3].date', 'overrides[3].working']);
    expect(problems[1]?.messageVi).toBe('ngày 3/3/2025 bị lặp');
  });

  it('refuses more than 400 days', () => {
    const many = Array.from({ length: 401 }, (_, i) => ({ date: addDays('2025-01-01', i), working: false, reason: 'x' }));
    expect(overrideProblems(many)[0]?.field).toBe('overrides');
  });
});

describe("one year of a province's calendar, as read", () => {
  it('lists the same days the working calendar counts, naming where each comes from', () => {
    const overrides: CalendarOverride[] = [
      { date: '2025-03-03', working: false, reason: 'Quyết định của UBND tỉnh' },
      { date: '2025-05-02', working: true, reason: 'Tỉnh không hoán đổi' },
      { date: '2025-04-26', working: false, reason: 'Tỉnh không làm bù' },
    ];
    const extra = { holidays: ['2025-06-09'] };
    const year = provinceYearCalendar(2025, overrides, extra);
    const cal = provinceWorkingCalendar(overrides, extra);
    for (let d = '2025-01-01'; d <= '2025-12-31'; d = addDays(d, 1)) {
      const listed = year.daysOff.some((o) => o.date === d) ? false : year.workingWeekendDays.some((w) => w.date === d) ? true : weekdayOf(d) <= 5;
      expect([d, listed]).toEqual([d, isWorkingDay(d, cal)]);
    }
    expect(year.daysOff.find((d) => d.date === '2025-03-03')).toMatchObject({ source: 'province', nameVi: 'Quyết định của UBND tỉnh' });
    expect(year.daysOff.find((d) => d.date === '2025-06-09')?.source).toBe('deployment');
    expect(year.daysOff.find((d) => d.date === '2025-01-29')).toMatchObject({ source: 'shipped', kind: 'holiday' });
    expect(year.workingWeekendDays).toEqual([]);
    expect(year.basis[1]).toContain('8726/VPCP-KGVX');
  });
});
