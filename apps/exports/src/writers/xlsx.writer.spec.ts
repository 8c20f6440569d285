import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { ExportDocument, fromArray } from '../documents/export-document';
import { SheetNames, XlsxWriter } from './xlsx.writer';

describe('SheetNames', () => {
  it('keeps Excel’s rules: 31 characters, no []:*?/\\, unique ignoring case', () => {
    const names = new SheetNames();
    expect(names.take('Chính quyền số')).toBe('Chính quyền số');
    expect(names.take('chính quyền số')).toBe('chính quyền số 2');
    expect(names.take('Kinh tế số / Xã hội số [2025]: tổng hợp?')).toBe('Kinh tế số Xã hội số 2025…');
    // Cut after a whole word, never mid-phrase ("… của trụ c").
    expect(names.take('Một tên rất dài hơn ba mươi mốt ký tự của trụ cột')).toBe('Một tên rất dài hơn ba mươi…');
    expect(names.take('Một tên rất dài hơn ba mươi mốt ký tự của trụ cột')).toMatch(/ 2$/);
    expect(names.take('Một tên rất dài hơn ba mươi mốt ký tự của trụ cột').length).toBeLessThanOrEqual(31);
    expect(names.take('')).toBe('Sheet');
  });
});

describe('XlsxWriter', () => {
  it('formats each value by its indicator: a count or a rank in a column of decimals is a whole number (3.294, not 3.294,00)', async () => {
    const document: ExportDocument = {
      letterhead: { agencyParent: '', agencyName: '', symbol: '', place: '', date: '2026-11-23', recipients: [], signature: { authority: '', title: '', name: '' } },
      title: 'T',
      subtitle: 'S',
      provinceName: 'Lạng Sơn',
      lead: [],
      details: {
        columns: [
          { key: 'indicator', header: 'Chỉ tiêu', kind: 'text', width: 10 },
          { key: 'actual', header: 'Thực hiện', kind: 'decimal', width: 10 },
        ],
        groups: [{ name: 'g', title: 'g', rows: () => fromArray([['BTS', { number: 3294, kind: 'integer' }], ['DOSSIERS', { number: 86.03, kind: 'decimal' }], ['PLAIN', 1.5]]) }],
      },
      expectedRows: 3,
      fileName: 'f',
    };
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    await new XlsxWriter().write(document, out, () => undefined);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.concat(chunks) as never);
    const sheet = workbook.worksheets[0]!;
    const cells = [2, 3, 4].map((r) => sheet.getRow(r).getCell(2));
    expect(cells.map((c) => [c.value, c.numFmt])).toEqual([
      [3294, '#,##0'],
      [86.03, '#,##0.00'],
      [1.5, '#,##0.00'],
    ]);
  });
});
