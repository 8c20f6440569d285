import { formatChange, formatValue } from './format-value';
import { translator } from './i18n/i18n';
import { IndicatorDefinition } from './types';

const indicator = (kind: string, unitOfMeasure = ''): IndicatorDefinition => ({ code: 'X', nameVi: 'X', nameEn: 'X', unitOfMeasure, kind, direction: 'higher-is-better' });
const vi = translator('vi');
// Intl writes a narrow no-break space in some places; compare the words people read.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('formatValue: the display rule of the exported files, on screen', () => {
  it('shows a ratio as a percentage and a province-level percentage as entered, not times 100', () => {
    expect(plain(formatValue(vi, 0.86025, indicator('ratio', '%')))).toBe('86,03%');
    expect(plain(formatValue(vi, 12.52, indicator('province-percentage', '%')))).toBe('12,52%');
  });

  it('shows counts with their unit and ranks as whole numbers', () => {
    expect(plain(formatValue(vi, 3294, indicator('count', 'trạm')))).toBe('3.294 trạm');
    expect(plain(formatValue(vi, 6, indicator('rank', 'hạng')))).toBe('6');
    expect(formatValue(vi, null, indicator('count'))).toBe(vi.t('common.none'));
  });

  it('signs a change in the same terms', () => {
    expect(plain(formatChange(vi, 0.078, indicator('ratio', '%')))).toBe('+7,80%');
    expect(plain(formatChange(vi, -3, indicator('count', 'thôn')))).toBe('−3 thôn');
  });
});
