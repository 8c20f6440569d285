import { displayCell } from './cell-display';

describe('displayCell (paper: PDF and Word)', () => {
  it.each([
    ['integer', 630485, '630.485'],
    ['decimal', 83.333333, '83,33'],
    ['decimal', -3, '-3'],
    ['percent', 0.8603, '86,0%'],
    ['status', 'not-measurable', 'Không đánh giá được'],
    ['date', '2025-02-03T00:00:00.000Z', '03/02/2025'],
    ['flag', true, 'Có'],
    ['flag', false, 'Không'],
    ['text', 'Lạng Sơn', 'Lạng Sơn'],
    ['decimal', null, '–'],
  ] as const)('shows a %s cell %p as "%s"', (kind, value, text) => {
    expect(displayCell(kind, value)).toBe(text);
  });
});
