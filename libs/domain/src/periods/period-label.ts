import { formatViDate } from '../calendar/local-date';
import { parsePeriodId, Period, PeriodType } from './period-id';

const ROMAN = ['I', 'II', 'III', 'IV'];
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * A period as people read it in Vietnamese documents ("quý IV năm 2024", "6 tháng đầu năm 2024")
 * and in English ("Q4 2024"), for notices and exported files.
 */
export function periodLabel(period: Period | string, language: 'vi' | 'en'): string {
  const p = typeof period === 'string' ? parsePeriodId(period) : period;
  const vi = language === 'vi';
  switch (p.type) {
    case 'year':
      return vi ? `năm ${p.year}` : String(p.year);
    case 'nine-months':
      return vi ? `9 tháng năm ${p.year}` : `first nine months of ${p.year}`;
    case 'half-year':
      return vi ? `6 tháng ${p.index === 1 ? 'đầu' : 'cuối'} năm ${p.year}` : `${p.index === 1 ? 'first' : 'second'} half of ${p.year}`;
    case 'quarter':
      return vi ? `quý ${ROMAN[p.index - 1]} năm ${p.year}` : `Q${p.index} ${p.year}`;
    case 'month':
      return vi ? `tháng ${p.index} năm ${p.year}` : `${MONTHS_EN[p.index - 1]} ${p.year}`;
    case 'range':
      return vi ? `từ ${formatViDate(p.start)} đến ${formatViDate(p.end)}` : `${p.start} to ${p.end}`;
  }
}

/**
 * A form's name followed by its period without saying the period's kind twice: "Báo cáo chuyển
 * đổi số quý" and "quý IV năm 2024" make "Báo cáo chuyển đổi số quý IV năm 2024", "Báo cáo 6
 * tháng" and "6 tháng đầu năm 2025" make "Báo cáo 6 tháng đầu năm 2025"; "Báo cáo hằng quý" keeps
 * its name: "Báo cáo hằng quý – quý IV năm 2024".
 */
export function formWithPeriodVi(formNameVi: string, periodVi: string): string {
  const name = formNameVi.trim().split(/\s+/);
  const period = periodVi.trim().split(/\s+/);
  const same = (a: string | undefined, b: string | undefined) => a !== undefined && b !== undefined && a.toLocaleLowerCase('vi') === b.toLocaleLowerCase('vi');
  for (let n = Math.min(3, name.length - 1, period.length - 1); n >= 1; n -= 1) {
    if (!name.slice(-n).every((w, i) => same(w, period[i]))) continue;
    // "hằng quý" is "quarterly": the period is named after it, not merged into it.
    if (same(name[name.length - n - 1], 'hằng')) return `${name.join(' ')} – ${period.join(' ')}`;
    return [...name, ...period.slice(n)].join(' ');
  }
  return [...name, ...period].join(' ');
}

const PERIOD_TYPE_NAMES: Record<PeriodType, { vi: string; en: string }> = {
  year: { vi: 'năm', en: 'year' },
  'nine-months': { vi: '9 tháng', en: 'nine months' },
  'half-year': { vi: '6 tháng', en: 'half-year' },
  quarter: { vi: 'quý', en: 'quarter' },
  month: { vi: 'tháng', en: 'month' },
  range: { vi: 'khoảng thời gian', en: 'date range' },
};

/** A kind of period in words, for messages people read: "quý", "tháng" (never the code "month" in Vietnamese text). */
export function periodTypeLabel(type: PeriodType, language: 'vi' | 'en'): string {
  return PERIOD_TYPE_NAMES[type][language];
}
