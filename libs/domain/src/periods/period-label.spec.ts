import { periodLabel } from './period-label';

describe('period labels', () => {
  it.each([
    ['2024', 'năm 2024', '2024'],
    ['2024N9', '9 tháng năm 2024', 'first nine months of 2024'],
    ['2024S1', '6 tháng đầu năm 2024', 'first half of 2024'],
    ['2024S2', '6 tháng cuối năm 2024', 'second half of 2024'],
    ['2024Q4', 'quý IV năm 2024', 'Q4 2024'],
    ['202412', 'tháng 12 năm 2024', 'December 2024'],
    ['20240301_20240531', 'từ 01/03/2024 đến 31/05/2024', '2024-03-01 to 2024-05-31'],
  ])('%s reads "%s" and "%s"', (id, vi, en) => {
    expect(periodLabel(id, 'vi')).toBe(vi);
    expect(periodLabel(id, 'en')).toBe(en);
  });
});
