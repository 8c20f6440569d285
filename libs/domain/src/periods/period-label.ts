import { formatViDate } from '../calendar/local-date';
import { parsePeriodId, Period } from './period-id';

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
