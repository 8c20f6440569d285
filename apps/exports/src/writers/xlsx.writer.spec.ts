import { SheetNames } from './xlsx.writer';

describe('SheetNames', () => {
  it('keeps Excel’s rules: 31 characters, no []:*?/\\, unique ignoring case', () => {
    const names = new SheetNames();
    expect(names.take('Chính quyền số')).toBe('Chính quyền số');
    expect(names.take('chính quyền số')).toBe('chính quyền số 2');
    expect(names.take('Kinh tế số / Xã hội số [2025]: tổng hợp?')).toBe('Kinh tế số   Xã hội số  2025');
    expect(names.take('Một tên rất dài hơn ba mươi mốt ký tự của trụ cột')).toHaveLength(31);
    expect(names.take('Một tên rất dài hơn ba mươi mốt ký tự của trụ cột')).toMatch(/ 2$/);
    expect(names.take('')).toBe('Sheet');
  });
});
