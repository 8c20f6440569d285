import fc from 'fast-check';
import { asciiFold, attachment } from './content-disposition';

/** Reads `filename*` back as RFC 5987 says a client does. */
const extended = (header: string) => decodeURIComponent(/filename\*=UTF-8''(\S+)/.exec(header)![1]);
const fallback = (header: string) => /filename="([^"]*)"/.exec(header)![1];

describe('attachment (RFC 6266 / 5987)', () => {
  it('carries a Vietnamese name exactly and an unmarked ASCII fallback', () => {
    const header = attachment('Bảng điểm Chuyển đổi số Lạng Sơn năm 2025.xlsx');
    expect(header.startsWith('attachment; ')).toBe(true);
    expect(fallback(header)).toBe('Bang diem Chuyen doi so Lang Son nam 2025.xlsx');
    expect(extended(header)).toBe('Bảng điểm Chuyển đổi số Lạng Sơn năm 2025.xlsx');
    expect(header).toContain("filename*=UTF-8''B%E1%BA%A3ng%20%C4%91i%E1%BB%83m");
  });

  it('percent-encodes the characters RFC 5987 leaves out of attr-char', () => {
    expect(attachment("a'b(c)*.csv")).toContain("filename*=UTF-8''a%27b%28c%29%2A.csv");
  });

  it('keeps quotes and backslashes out of the quoted fallback', () => {
    expect(fallback(attachment('Báo cáo "Đề án 06"\\2025.pdf'))).toBe('Bao cao _De an 06__2025.pdf');
  });

  it('round-trips any name, and the fallback is always printable ASCII', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1 }), (name) => {
        const header = attachment(name);
        expect(extended(header)).toBe(name.normalize('NFC'));
        expect(/^[\x20-\x7e]*$/.test(fallback(header))).toBe(true);
        expect(/filename\*=UTF-8''[A-Za-z0-9!#$&+\-.^_`|~%]+$/.test(header)).toBe(true);
      }),
    );
  });

  it('folds đ and Đ, which have no combining mark', () => {
    expect(asciiFold('Đồng Đăng đường')).toBe('Dong Dang duong');
  });
});
