import { formWithPeriodVi, periodLabel } from './period-label';

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

describe('formWithPeriodVi', () => {
  it('does not repeat the period’s kind the form’s name already ends with (“quý quý IV”)', () => {
    expect(formWithPeriodVi('Báo cáo chuyển đổi số quý', periodLabel('2024Q4', 'vi'))).toBe('Báo cáo chuyển đổi số quý IV năm 2024');
    expect(formWithPeriodVi('Báo cáo 6 tháng', periodLabel('2025S1', 'vi'))).toBe('Báo cáo 6 tháng đầu năm 2025');
    expect(formWithPeriodVi('Báo cáo năm', periodLabel('2025', 'vi'))).toBe('Báo cáo năm 2025');
    expect(formWithPeriodVi('Báo cáo tháng', periodLabel('202505', 'vi'))).toBe('Báo cáo tháng 5 năm 2025');
  });

  it('joins a name that does not end with the period’s kind as it is', () => {
    expect(formWithPeriodVi('Báo cáo chuyển đổi số', periodLabel('2024Q4', 'vi'))).toBe('Báo cáo chuyển đổi số quý IV năm 2024');
    expect(formWithPeriodVi('Báo cáo hằng quý', periodLabel('2024Q4', 'vi'))).toBe('Báo cáo hằng quý – quý IV năm 2024');
  });
});
