import { comparisonLabel, progressLabel, targetStatusLabel } from './status-labels';

describe('status labels', () => {
  it.each([
    ['achieved', 'Đạt', 'Achieved'],
    ['not-achieved', 'Không đạt', 'Not achieved'],
    ['not-measurable', 'Không đánh giá được', 'Not measurable'],
  ] as const)('names %s in Vietnamese and English', (status, vi, en) => {
    expect(targetStatusLabel(status, 'vi')).toBe(vi);
    expect(targetStatusLabel(status, 'en')).toBe(en);
  });

  it('names progress and comparisons in both languages', () => {
    expect(progressLabel('at-risk', 'vi')).toBe('Có nguy cơ không đạt');
    expect(progressLabel('on-track', 'en')).toBe('On track');
    expect(comparisonLabel('at-most', 'vi')).toBe('Tối đa');
    expect(comparisonLabel('at-least', 'en')).toBe('At least');
    expect(comparisonLabel('done', 'vi')).toBe('Hoàn thành');
  });
});
