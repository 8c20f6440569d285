import { addDays, isLocalDate, localDate, LocalDate, parseLocalDate, weekdayOf } from './local-date';
import { hungKingsDay, lunarNewYear } from './lunar-calendar';
import { WorkingCalendar, workingCalendar } from './working-days';

/**
 * Vietnam's days off for civil servants (cán bộ, công chức, viên chức), by year, shipped with the
 * platform. The law (Bộ luật Lao động 2019, Điều 112) fixes 11 days: Tết Dương lịch 1/1, Tết Âm
 * lịch 5 days, Giỗ Tổ Hùng Vương 10/3 âm lịch, 30/4, 1/5, Quốc khánh 2/9 and one adjacent day; a
 * holiday on a weekly rest day is made up on the next working day (khoản 3). Each year the
 * Government fixes which 5 days of Tết, which day next to 2/9, and any swap of a bridged working day
 * against a Saturday (hoán đổi, làm bù). Years with those decisions known are listed with them;
 * any other year gets the statutory days by the rule, flagged for the province to confirm.
 */
export type DayOffKind = 'holiday' | 'compensating' | 'swapped';

export interface CalendarDay {
  date: LocalDate;
  nameVi: string;
  nameEn: string;
}

export interface DayOff extends CalendarDay {
  /** A statutory holiday, a make-up day for one on a weekend (nghỉ bù), or a working day swapped for a Saturday (hoán đổi). */
  kind: DayOffKind;
}

export interface YearHolidays {
  year: number;
  daysOff: DayOff[];
  /** Saturdays worked in exchange for a swapped day (làm bù). */
  workingWeekendDays: CalendarDay[];
  /** The law and the decisions that set the year, in Vietnamese as cited. */
  basis: string[];
  /** False where part of the year follows the statutory rule only, not a published decision. */
  confirmed: boolean;
  /** What the province should check, in both languages; absent when nothing. */
  toConfirm?: { vi: string; en: string };
}

const LABOUR_CODE = 'Bộ luật Lao động số 45/2019/QH14, Điều 112 (ngày nghỉ lễ, tết; nghỉ bù khi trùng ngày nghỉ hằng tuần)';

const NAMES = {
  newYear: { nameVi: 'Tết Dương lịch', nameEn: "New Year's Day" },
  tet: { nameVi: 'Tết Nguyên đán', nameEn: 'Lunar New Year (Tết)' },
  hungKings: { nameVi: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', nameEn: "Hùng Kings' Commemoration Day" },
  reunification: { nameVi: 'Ngày Chiến thắng (30/4)', nameEn: 'Reunification Day' },
  labour: { nameVi: 'Ngày Quốc tế Lao động (1/5)', nameEn: "International Workers' Day" },
  national: { nameVi: 'Quốc khánh (2/9)', nameEn: 'National Day' },
} as const;
type HolidayName = keyof typeof NAMES;

const off = (date: LocalDate, name: HolidayName, kind: DayOffKind = 'holiday'): DayOff => ({ date, ...NAMES[name], kind });
const madeUp = (date: LocalDate, forDate: LocalDate): CalendarDay => ({ date, nameVi: `Làm bù cho ngày ${viDate(forDate)}`, nameEn: `Worked in exchange for ${forDate}` });

function viDate(date: LocalDate): string {
  const { year, month, day } = parseLocalDate(date);
  return `${day}/${month}/${year}`;
}

/**
 * The years whose arrangements the Government published. Tết's 5 days and the swaps are the
 * published ones; a compensating day is one the decision grants for a holiday on a weekend.
 */
const PUBLISHED: readonly YearHolidays[] = [
  {
    year: 2024,
    daysOff: [
      off('2024-01-01', 'newYear'),
      // Tết Giáp Thìn: 29 tháng Chạp to mùng 5 (8–14/2); mùng 1 and mùng 2 fell on the weekend.
      off('2024-02-08', 'tet'),
      off('2024-02-09', 'tet'),
      off('2024-02-12', 'tet'),
      off('2024-02-13', 'tet', 'compensating'),
      off('2024-02-14', 'tet', 'compensating'),
      off('2024-04-18', 'hungKings'),
      off('2024-04-29', 'reunification', 'swapped'),
      off('2024-04-30', 'reunification'),
      off('2024-05-01', 'labour'),
      off('2024-09-02', 'national'),
      off('2024-09-03', 'national'),
    ],
    workingWeekendDays: [madeUp('2024-05-04', '2024-04-29')],
    basis: [
      LABOUR_CODE,
      'Ý kiến của Thủ tướng Chính phủ (11/2023) theo đề nghị của Bộ Lao động - Thương binh và Xã hội: nghỉ Tết Âm lịch từ 08/02 đến hết 14/02/2024, nghỉ Quốc khánh từ 31/8 đến hết 03/9/2024; thông báo của Bộ Lao động - Thương binh và Xã hội về lịch nghỉ năm 2024',
      'Văn bản số 2450/VPCP-KGVX ngày 12/4/2024 của Văn phòng Chính phủ: hoán đổi ngày làm việc thứ Hai 29/4/2024 sang thứ Bảy 04/5/2024',
    ],
    confirmed: true,
  },
  {
    year: 2025,
    daysOff: [
      off('2025-01-01', 'newYear'),
      // Tết Ất Tỵ: 25/1 to 2/2 (26 tháng Chạp to mùng 5), 5 working days off.
      off('2025-01-27', 'tet'),
      off('2025-01-28', 'tet'),
      off('2025-01-29', 'tet'),
      off('2025-01-30', 'tet'),
      off('2025-01-31', 'tet'),
      off('2025-04-07', 'hungKings'),
      off('2025-04-30', 'reunification'),
      off('2025-05-01', 'labour'),
      off('2025-05-02', 'labour', 'swapped'),
      off('2025-09-01', 'national'),
      off('2025-09-02', 'national'),
    ],
    workingWeekendDays: [madeUp('2025-04-26', '2025-05-02')],
    basis: [
      LABOUR_CODE,
      'Văn bản số 8726/VPCP-KGVX ngày 26/11/2024 của Văn phòng Chính phủ: nghỉ Tết Âm lịch từ 25/01 đến hết 02/02/2025; hoán đổi ngày làm việc thứ Sáu 02/5/2025 sang thứ Bảy 26/4/2025; nghỉ Quốc khánh ngày 02/9 và 01 ngày liền kề trước (01/9/2025)',
    ],
    confirmed: true,
  },
  {
    year: 2026,
    daysOff: [
      off('2026-01-01', 'newYear'),
      off('2026-01-02', 'newYear', 'swapped'),
      // Tết Bính Ngọ: 14/2 to 22/2 (27 tháng Chạp to mùng 6), 5 working days off.
      off('2026-02-16', 'tet'),
      off('2026-02-17', 'tet'),
      off('2026-02-18', 'tet'),
      off('2026-02-19', 'tet'),
      off('2026-02-20', 'tet'),
      // 10/3 âm lịch falls on Sunday 26/4: made up on Monday.
      off('2026-04-27', 'hungKings', 'compensating'),
      off('2026-04-30', 'reunification'),
      off('2026-05-01', 'labour'),
      off('2026-09-01', 'national'),
      off('2026-09-02', 'national'),
    ],
    workingWeekendDays: [madeUp('2026-01-10', '2026-01-02')],
    basis: [
      LABOUR_CODE,
      'Văn bản số 12729/VPCP-KGVX ngày 25/12/2025 của Văn phòng Chính phủ: nghỉ Tết Dương lịch từ 01/01 đến hết 04/01/2026, hoán đổi ngày làm việc thứ Sáu 02/01/2026 sang thứ Bảy 10/01/2026',
      'Phương án nghỉ Tết Âm lịch năm 2026 của Bộ Nội vụ được Thủ tướng Chính phủ đồng ý: nghỉ từ 14/02 đến hết 22/02/2026',
    ],
    confirmed: false,
    toConfirm: {
      vi: 'Ngày nghỉ liền kề Quốc khánh năm 2026 (01/9 theo quy tắc chung) và mọi hoán đổi dịp 2/9 chưa đối chiếu được với văn bản của Chính phủ; Ngày Văn hóa Việt Nam 24/11 (Nghị quyết 80-NQ/TW) chỉ là ngày nghỉ khi Bộ luật Lao động được sửa đổi. Tỉnh cần đối chiếu và cập nhật.',
      en: 'The day next to National Day 2026 (1/9 by the general rule) and any swap around 2/9 are not checked against a Government decision; Vietnam Culture Day 24/11 (Resolution 80-NQ/TW) is a day off only once the Labour Code is amended. The province should check and update.',
    },
  },
];

/** The years with published arrangements; other years follow the statutory rule. */
export const PUBLISHED_HOLIDAY_YEARS: readonly number[] = PUBLISHED.map((y) => y.year);

/**
 * A year's days off by the law alone: Tết's 5 days as the last day of the lunar year and mùng 1–4,
 * the day before 2/9 as its adjacent day unless that is a weekend (then the day after), and each
 * holiday on a weekend made up on the next day that is neither a weekend nor already off.
 */
export function statutoryHolidays(year: number): YearHolidays {
  const tet = lunarNewYear(year);
  const nationalAdjacent = weekdayOf(localDate(year, 9, 1)) <= 5 ? localDate(year, 9, 1) : localDate(year, 9, 3);
  const fixed: DayOff[] = [
    off(localDate(year, 1, 1), 'newYear'),
    ...[-1, 0, 1, 2, 3].map((d) => off(addDays(tet, d), 'tet')),
    off(hungKingsDay(year), 'hungKings'),
    off(localDate(year, 4, 30), 'reunification'),
    off(localDate(year, 5, 1), 'labour'),
    ...[nationalAdjacent, localDate(year, 9, 2)].sort().map((d) => off(d, 'national')),
  ];
  const taken = new Set(fixed.map((d) => d.date));
  const daysOff: DayOff[] = [];
  for (const day of fixed) {
    if (weekdayOf(day.date) <= 5) {
      daysOff.push(day);
      continue;
    }
    let makeUp = addDays(day.date, 1);
    while (weekdayOf(makeUp) > 5 || taken.has(makeUp)) makeUp = addDays(makeUp, 1);
    taken.add(makeUp);
    daysOff.push({ ...day, date: makeUp, kind: 'compensating' });
  }
  return {
    year,
    daysOff: daysOff.sort((a, b) => (a.date < b.date ? -1 : 1)),
    workingWeekendDays: [],
    basis: [LABOUR_CODE],
    confirmed: false,
    toConfirm: {
      vi: `Năm ${year} mới có các ngày nghỉ theo Bộ luật Lao động (5 ngày Tết tính từ ngày cuối năm âm lịch, nghỉ bù khi trùng ngày nghỉ hằng tuần, không hoán đổi). Tỉnh cần đối chiếu với thông báo của Bộ Nội vụ về lịch nghỉ năm ${year} và cập nhật.`,
      en: `${year} has only the statutory days off (Tết's 5 days from the last day of the lunar year, make-up days for holidays on weekends, no swaps). The province should check it against the Ministry of Home Affairs' notice for ${year} and update it.`,
    },
  };
}

/** The shipped days off of a year: the published arrangement where there is one, else the statutory rule. */
export function vietnamHolidays(year: number): YearHolidays {
  if (!Number.isInteger(year) || year < 1900 || year > 2199) throw new RangeError(`year must be 1900–2199, got ${year}`);
  return PUBLISHED.find((y) => y.year === year) ?? statutoryHolidays(year);
}

/**
 * A province's change to one day (from its People's Committee decision): `working: false` makes it a
 * day off (a provincial holiday, a cancelled make-up Saturday), `working: true` a working day (a
 * changed swap). The last word on a date: it replaces whatever the shipped data says of it.
 */
export interface CalendarOverride {
  date: LocalDate;
  working: boolean;
  /** The decision or reason, as the province cites it. */
  reason: string;
}

export interface OverrideProblem {
  field: string;
  message: string;
  messageVi: string;
}

export const MAX_CALENDAR_OVERRIDES = 400;
export const MAX_OVERRIDE_REASON_LENGTH = 300;

/** Everything wrong with a province's list, each naming its field; empty when it can be stored. */
export function overrideProblems(overrides: readonly CalendarOverride[]): OverrideProblem[] {
  if (overrides.length > MAX_CALENDAR_OVERRIDES) {
    return [{ field: 'overrides', message: `at most ${MAX_CALENDAR_OVERRIDES} days, got ${overrides.length}`, messageVi: `tối đa ${MAX_CALENDAR_OVERRIDES} ngày, đã gửi ${overrides.length}` }];
  }
  const problems: OverrideProblem[] = [];
  const seen = new Set<string>();
  overrides.forEach((o, i) => {
    if (typeof o.date !== 'string' || !isLocalDate(o.date)) {
      problems.push({ field: `overrides[${i}].date`, message: `"${String(o.date)}" is not a date (YYYY-MM-DD)`, messageVi: `"${String(o.date)}" không phải ngày hợp lệ (YYYY-MM-DD)` });
    } else if (seen.has(o.date)) {
      problems.push({ field: `overrides[${i}].date`, message: `${o.date} appears twice`, messageVi: `ngày ${viDate(o.date)} bị lặp` });
    } else {
      seen.add(o.date);
      const year = parseLocalDate(o.date).year;
      if (year < 2000 || year > 2100) problems.push({ field: `overrides[${i}].date`, message: `${o.date} is outside 2000–2100`, messageVi: `ngày ${viDate(o.date)} nằm ngoài khoảng năm 2000–2100` });
    }
    if (typeof o.working !== 'boolean') problems.push({ field: `overrides[${i}].working`, message: 'working must be true or false', messageVi: 'trường working phải là true hoặc false' });
    if (typeof o.reason !== 'string' || o.reason.trim().length === 0 || o.reason.length > MAX_OVERRIDE_REASON_LENGTH) {
      problems.push({ field: `overrides[${i}].reason`, message: `the decision or reason is needed, at most ${MAX_OVERRIDE_REASON_LENGTH} characters`, messageVi: `cần ghi căn cứ (quyết định) hoặc lý do, tối đa ${MAX_OVERRIDE_REASON_LENGTH} ký tự` });
    }
  });
  return problems;
}

/** Years shipped data is applied for around a calendar: far enough for every deadline a form is checked for. */
export const SHIPPED_YEARS = { from: 2020, to: 2035 } as const;

/**
 * The working calendar a province works by: the shipped days of `years`, the deployment's extra
 * days (the environment), then the province's overrides, each replacing what came before for its date.
 */
export function provinceWorkingCalendar(
  overrides: readonly CalendarOverride[] = [],
  extra: { holidays?: Iterable<LocalDate>; workingWeekendDays?: Iterable<LocalDate> } = {},
  years: { from: number; to: number } = SHIPPED_YEARS,
): WorkingCalendar {
  const holidays = new Set<LocalDate>();
  const weekendWorked = new Set<LocalDate>();
  for (let year = years.from; year <= years.to; year += 1) {
    const shipped = vietnamHolidays(year);
    shipped.daysOff.forEach((d) => holidays.add(d.date));
    shipped.workingWeekendDays.forEach((d) => weekendWorked.add(d.date));
  }
  const base = workingCalendar(extra.holidays ?? [], extra.workingWeekendDays ?? []);
  base.holidays.forEach((d) => holidays.add(d));
  base.workingWeekendDays.forEach((d) => weekendWorked.add(d));
  for (const o of overrides) {
    if (o.working) {
      holidays.delete(o.date);
      if (weekdayOf(o.date) > 5) weekendWorked.add(o.date);
    } else {
      holidays.add(o.date);
      weekendWorked.delete(o.date);
    }
  }
  return workingCalendar(holidays, weekendWorked);
}

/** Where a day of a province's calendar comes from. */
export type CalendarDaySource = 'shipped' | 'deployment' | 'province';

export interface ProvinceYearCalendar {
  year: number;
  daysOff: Array<CalendarDay & { kind?: DayOffKind; source: CalendarDaySource }>;
  workingWeekendDays: Array<CalendarDay & { source: CalendarDaySource }>;
  basis: string[];
  confirmed: boolean;
  toConfirm?: { vi: string; en: string };
}

/**
 * One year of a province's calendar as people read it: every weekday off and every Saturday or
 * Sunday worked, each with its name and where it comes from; the same days `provinceWorkingCalendar` counts.
 */
export function provinceYearCalendar(
  year: number,
  overrides: readonly CalendarOverride[] = [],
  extra: { holidays?: Iterable<LocalDate>; workingWeekendDays?: Iterable<LocalDate> } = {},
): ProvinceYearCalendar {
  const shipped = vietnamHolidays(year);
  const inYear = (d: LocalDate) => d.startsWith(`${year}-`);
  const daysOff = new Map<LocalDate, ProvinceYearCalendar['daysOff'][number]>(shipped.daysOff.map((d) => [d.date, { ...d, source: 'shipped' }]));
  const worked = new Map<LocalDate, ProvinceYearCalendar['workingWeekendDays'][number]>(shipped.workingWeekendDays.map((d) => [d.date, { ...d, source: 'shipped' }]));
  for (const date of [...(extra.holidays ?? [])].filter(inYear)) {
    worked.delete(date);
    if (weekdayOf(date) <= 5 && !daysOff.has(date)) daysOff.set(date, { date, nameVi: 'Ngày nghỉ theo cấu hình chung của hệ thống', nameEn: 'Day off set by the deployment', source: 'deployment' });
  }
  for (const date of [...(extra.workingWeekendDays ?? [])].filter(inYear)) {
    if (weekdayOf(date) > 5 && !worked.has(date)) worked.set(date, { date, nameVi: 'Ngày làm việc theo cấu hình chung của hệ thống', nameEn: 'Working day set by the deployment', source: 'deployment' });
  }
  for (const o of overrides.filter((o) => inYear(o.date))) {
    daysOff.delete(o.date);
    worked.delete(o.date);
    const weekend = weekdayOf(o.date) > 5;
    if (!o.working && !weekend) daysOff.set(o.date, { date: o.date, nameVi: o.reason, nameEn: o.reason, source: 'province' });
    if (o.working && weekend) worked.set(o.date, { date: o.date, nameVi: o.reason, nameEn: o.reason, source: 'province' });
  }
  const byDate = <T extends { date: LocalDate }>(m: Map<LocalDate, T>) => [...m.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
  return { year, daysOff: byDate(daysOff), workingWeekendDays: byDate(worked), basis: shipped.basis, confirmed: shipped.confirmed, ...(shipped.toConfirm ? { toConfirm: shipped.toConfirm } : {}) };
}
