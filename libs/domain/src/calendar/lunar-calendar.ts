import { addDays, LocalDate } from './local-date';

/**
 * The Vietnamese lunisolar calendar (âm lịch), enough to place Tết and Giỗ Tổ Hùng Vương (10/3 âm
 * lịch) on the solar calendar. Months start on the new moon as seen in UTC+7, which is why Tết can
 * differ by a day from the Chinese New Year (1985, 2007). Astronomy after Jean Meeus, as in
 * Hồ Ngọc Đức's published algorithm, the reference most Vietnamese calendars use; accurate for
 * 1800–2199, far more than reporting needs.
 */
const TIME_ZONE_HOURS = 7;
const SYNODIC_MONTH = 29.530588853;
/** Julian day of the new moon of 1 January 1900, the count `k` starts from. */
const NEW_MOON_EPOCH = 2415021.076998695;
const RAD = Math.PI / 180;

/** Julian day number of a Gregorian date. */
function julianDay(year: number, month: number, day: number): number {
  const a = Math.floor((14 - month) / 12);
  const y = year + 4800 - a;
  const m = month + 12 * a - 3;
  return day + Math.floor((153 * m + 2) / 5) + 365 * y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400) - 32045;
}

/** 1 January 2000 is Julian day 2451545 (at noon): dates are counted from it. */
function dateOfJulianDay(jd: number): LocalDate {
  return addDays('2000-01-01', jd - 2451545);
}

/** The instant (Julian day, fractional, UT) of the k-th new moon after January 1900. */
function newMoon(k: number): number {
  const t = k / 1236.85;
  const t2 = t * t;
  const t3 = t2 * t;
  let jd = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3;
  jd += 0.00033 * Math.sin((166.56 + 132.87 * t - 0.009173 * t2) * RAD);
  const m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3;
  const mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3;
  const f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3;
  let c = (0.1734 - 0.000393 * t) * Math.sin(m * RAD) + 0.0021 * Math.sin(2 * RAD * m);
  c += -0.4068 * Math.sin(mpr * RAD) + 0.0161 * Math.sin(2 * RAD * mpr) - 0.0004 * Math.sin(3 * RAD * mpr);
  c += 0.0104 * Math.sin(2 * RAD * f) - 0.0051 * Math.sin(RAD * (m + mpr)) - 0.0074 * Math.sin(RAD * (m - mpr));
  c += 0.0004 * Math.sin(RAD * (2 * f + m)) - 0.0004 * Math.sin(RAD * (2 * f - m)) - 0.0006 * Math.sin(RAD * (2 * f + mpr));
  c += 0.001 * Math.sin(RAD * (2 * f - mpr)) + 0.0005 * Math.sin(RAD * (2 * mpr + m));
  const deltaT = t < -11 ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3 : -0.000278 + 0.000265 * t + 0.000262 * t2;
  return jd + c - deltaT;
}

/** The sun's longitude (radians, 0–2π) at a Julian instant. */
function sunLongitude(jd: number): number {
  const t = (jd - 2451545.0) / 36525;
  const t2 = t * t;
  const m = 357.5291 + 35999.0503 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
  const l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
  const dl = (1.9146 - 0.004817 * t - 0.000014 * t2) * Math.sin(RAD * m) + (0.019993 - 0.000101 * t) * Math.sin(2 * RAD * m) + 0.00029 * Math.sin(3 * RAD * m);
  const l = (l0 + dl) * RAD;
  return l - 2 * Math.PI * Math.floor(l / (2 * Math.PI));
}

/** The local day (Julian day number) on which the k-th new moon falls in Vietnam. */
function newMoonDay(k: number): number {
  return Math.floor(newMoon(k) + 0.5 + TIME_ZONE_HOURS / 24);
}

/** Which twelfth of the ecliptic (0–11) the sun is in at the start of a local day. */
function sunSector(day: number): number {
  return Math.floor((sunLongitude(day - 0.5 - TIME_ZONE_HOURS / 24) / Math.PI) * 6);
}

/** The first day of the 11th lunar month (the one holding the winter solstice) of a solar year. */
function month11Start(year: number): number {
  const k = Math.floor((julianDay(year, 12, 31) - 2415021) / SYNODIC_MONTH);
  const start = newMoonDay(k);
  return sunSector(start) >= 9 ? newMoonDay(k - 1) : start;
}

/** In a 13-month lunar year, how many months after month 11 the leap month (no solar term) is. */
function leapMonthOffset(month11: number): number {
  const k = Math.floor((month11 - NEW_MOON_EPOCH) / SYNODIC_MONTH + 0.5);
  let i = 1;
  let sector = sunSector(newMoonDay(k + i));
  let last: number;
  do {
    last = sector;
    i += 1;
    sector = sunSector(newMoonDay(k + i));
  } while (sector !== last && i < 14);
  return i - 1;
}

/** The solar date of a day of an ordinary (not leap) lunar month of the given lunar year. */
export function solarDateOfLunar(lunarYear: number, lunarMonth: number, lunarDay: number): LocalDate {
  if (!Number.isInteger(lunarMonth) || lunarMonth < 1 || lunarMonth > 12) throw new RangeError(`lunar month must be 1–12, got ${lunarMonth}`);
  if (!Number.isInteger(lunarDay) || lunarDay < 1 || lunarDay > 30) throw new RangeError(`lunar day must be 1–30, got ${lunarDay}`);
  const [a11, b11] = lunarMonth < 11 ? [month11Start(lunarYear - 1), month11Start(lunarYear)] : [month11Start(lunarYear), month11Start(lunarYear + 1)];
  const k = Math.floor(0.5 + (a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  let offset = (lunarMonth - 11 + 12) % 12;
  // A year with 13 new moons between two 11th months has a leap month; months after it shift by one.
  if (b11 - a11 > 365 && offset >= leapMonthOffset(a11)) offset += 1;
  return dateOfJulianDay(newMoonDay(k + offset) + lunarDay - 1);
}

/** Tết Nguyên đán: the first day of the first lunar month of the lunar year starting in `year`. */
export function lunarNewYear(year: number): LocalDate {
  return solarDateOfLunar(year, 1, 1);
}

/** Giỗ Tổ Hùng Vương: the 10th day of the third lunar month. */
export function hungKingsDay(year: number): LocalDate {
  return solarDateOfLunar(year, 3, 10);
}
