import fc from 'fast-check';
import { formatViNumber, formatViPercent, parseViNumber, ViNumberError } from './vi-number';

describe('Vietnamese numbers', () => {
  it.each([
    ['630.485', 630_485, false],
    ['732.908', 732_908, false],
    ['1.234.567', 1_234_567, false],
    ['12,52', 12.52, false],
    ['1.234,5', 1234.5, false],
    ['86%', 86, true],
    ['86,0%', 86, true],
    ['12,52 %', 12.52, true],
    ['0,125', 0.125, false],
    ['-3,5', -3.5, false],
    ['1396', 1396, false],
    [' 3\u00a0294 '.replace('\u00a0', ''), 3294, false],
  ])('reads %p as %p', (input, value, isPercent) => {
    expect(parseViNumber(input)).toEqual({ value, isPercent });
  });

  it.each([
    ['1,234', /ambiguous: write 1\.234 for 1234, or 1,2340 for the decimal/],
    ['12.52', /a decimal point: write the decimal part after a comma/],
    ['1,234,567', /more than one decimal comma/],
    ['12.34,5', /thousands must be grouped by three/],
    ['1,234.5', /the digits after the decimal comma are not all digits/],
    ['abc', /it is not a number/],
    ['', /it is empty/],
  ])('refuses %p with a clear reason', (input, reason) => {
    expect(() => parseViNumber(input)).toThrow(ViNumberError);
    expect(() => parseViNumber(input)).toThrow(reason);
  });

  it('explains itself in Vietnamese too', () => {
    try {
      parseViNumber('1,234');
    } catch (e) {
      expect((e as ViNumberError).reasonVi).toBe('không rõ nghĩa: viết 1.234 nếu là 1234, hoặc 1,2340 nếu là số thập phân');
    }
  });

  it('formats for display as vi-VN', () => {
    expect(formatViNumber(630_485)).toBe('630.485');
    expect(formatViNumber(12.52)).toBe('12,52');
    expect(formatViNumber(3, 1)).toBe('3,0');
    expect(formatViPercent(630_485 / 732_908)).toBe('86,0%');
    expect(formatViPercent(0.8006, 2)).toBe('80,06%');
  });

  it('reads back what it formats', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), fc.integer({ min: 0, max: 99 }), (whole, cents) => {
        const value = whole + Math.sign(whole || 1) * cents / 100;
        expect(parseViNumber(formatViNumber(value, 2)).value).toBeCloseTo(value, 2);
      }),
    );
  });
});
