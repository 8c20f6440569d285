import { PassThrough } from 'node:stream';
import { parseCsv } from '@dtp/domain';
import { ExportDocument, fromArray } from '../documents/export-document';
import { CsvWriter, csvLine } from './csv.writer';

const document = (rows: ExportDocument['details']['groups'][number]['rows'][]): ExportDocument => ({
  letterhead: { agencyParent: '', agencyName: '', symbol: '', place: '', date: '2026-11-23', recipients: [], signature: { authority: '', title: '', name: '' } },
  title: 'T',
  subtitle: 'S',
  provinceName: 'Lạng Sơn',
  lead: [],
  summary: { name: 'Tổng hợp', title: 'x', columns: [{ key: 'never', header: 'never', kind: 'text', width: 1 }], rows: [['not in the CSV']] },
  details: {
    columns: [
      { key: 'unit_name', header: 'Tên đơn vị', kind: 'text', width: 10 },
      { key: 'value', header: 'Giá trị', kind: 'decimal', width: 10 },
      { key: 'status', header: 'Đánh giá', kind: 'status', width: 10 },
      { key: 'received', header: 'Đã gửi', kind: 'flag', width: 10 },
    ],
    groups: rows.map((r, i) => ({ name: `g${i}`, title: `g${i}`, rows: r })),
  },
  expectedRows: 0,
  fileName: 'f',
});

async function written(doc: ExportDocument): Promise<{ text: string; rows: number }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  let rows = 0;
  await new CsvWriter().write(doc, out, () => rows++);
  return { text: Buffer.concat(chunks).toString('utf8'), rows };
}

describe('CsvWriter', () => {
  it('writes the detail rows of every group under the machine keys, after a BOM, with CRLF', async () => {
    const { text, rows } = await written(
      document([
        () => fromArray([['Tràng Định', 0.8603, 'achieved', true]]),
        () => fromArray([['Văn Lãng, "Bắc"', 1234567.5, 'not-measurable', false], ['Cao Lộc\nmới', null, 'not-achieved', null]]),
      ]),
    );
    expect(rows).toBe(3);
    expect(text.startsWith('\uFEFFunit_name,value,status,received\r\n')).toBe(true);
    expect(parseCsv(text)).toEqual([
      ['unit_name', 'value', 'status', 'received'],
      ['Tràng Định', '0.8603', 'achieved', 'true'],
      ['Văn Lãng, "Bắc"', '1234567.5', 'not-measurable', 'false'],
      ['Cao Lộc\nmới', '', 'not-achieved', ''],
    ]);
    expect(text).not.toContain('not in the CSV');
  });

  it('defuses text a spreadsheet would run as a formula, and leaves negative numbers alone', async () => {
    const { text } = await written(document([() => fromArray([['=HYPERLINK("http://x")', -3, 'achieved', null], ['@SUM(A1)', 2, 'achieved', null]])]));
    const [, first, second] = parseCsv(text);
    expect(first.slice(0, 2)).toEqual(['\'=HYPERLINK("http://x")', '-3']);
    expect(second[0]).toBe("'@SUM(A1)");
  });

  it('quotes only what needs quoting', () => {
    expect(csvLine(['a', 'b c', 'd,e', 'f"g', 'h\r\ni'])).toBe('a,b c,"d,e","f""g","h\r\ni"\r\n');
  });
});
