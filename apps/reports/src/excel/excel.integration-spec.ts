import { periodOfDate, vietnamDateOf } from '@dtp/domain';
import { reportFormFixture, uniqueCode } from '@dtp/testing';
import ExcelJS from 'exceljs';
import { InjectRequest, ReportsTestApp, startReportsTestApp } from '../../test/reports-test-app';
import { XLSX_CONTENT_TYPE } from './excel-layout';

describe('reports as the form’s Excel file (FerretDB, Kafka)', () => {
  const province = uniqueCode('P');
  const period = periodOfDate('quarter', vietnamDateOf(new Date()), 'decree-09');
  let reports: ReportsTestApp;
  const inject = (request: InjectRequest) => reports.inject(request);

  beforeAll(async () => {
    reports = await startReportsTestApp({ province, database: 'reports_excel' });
  });

  afterAll(() => reports.close());

  const unitWithKey = async () => {
    const admin = await reports.adminHeaders();
    await inject({ method: 'PUT', url: '/api/v1/forms', headers: admin, payload: reportFormFixture(province) });
    const unit = uniqueCode('U');
    const key = (await inject({ method: 'POST', url: '/api/v1/api-keys', headers: admin, payload: { provinceCode: province, unitCode: unit, expiresAt: '2099-01-01T00:00:00Z' } })).json().key as string;
    return { unit, headers: { 'x-api-key': key } };
  };

  /** The template as a unit downloads it, filled by `fill`, as bytes to upload. */
  const filledTemplate = async (headers: Record<string, string>, fill: (sheet: ExcelJS.Worksheet, rowOf: (code: string) => number) => void) => {
    const res = await inject({ method: 'GET', url: `/api/v1/forms/${province}/CDS-Q/template.xlsx`, headers });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Báo cáo')!;
    const rowOf = (code: string) => {
      for (let r = 7; r <= sheet.rowCount; r += 1) if (sheet.getCell(`B${r}`).value === code) return r;
      throw new Error(`no row for ${code}`);
    };
    sheet.getCell('B3').value = period;
    fill(sheet, rowOf);
    return Buffer.from(await workbook.xlsx.writeBuffer());
  };

  const upload = (headers: Record<string, string>, file: Buffer) => inject({ method: 'POST', url: '/api/v1/submissions/excel', headers: { ...headers, 'content-type': XLSX_CONTENT_TYPE }, payload: file });

  it('serves the form as an Excel template with a Vietnamese file name', async () => {
    const { headers } = await unitWithKey();
    const res = await inject({ method: 'GET', url: `/api/v1/forms/${province}/CDS-Q/template.xlsx`, headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX_CONTENT_TYPE);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="Bieu mau CDS-Q - Bao cao chuyen doi so hang quy.xlsx"; filename*=UTF-8''${encodeURIComponent('Biểu mẫu CDS-Q - Báo cáo chuyển đổi số hằng quý.xlsx')}`,
    );
  });

  it('stores a filled file with vi-VN numbers as a submitted report', async () => {
    const { unit, headers } = await unitWithKey();
    const file = await filledTemplate(headers, (sheet, rowOf) => {
      sheet.getCell(`F${rowOf('DOSSIERS_DIGITIZED')}`).value = '630.485';
      sheet.getCell(`G${rowOf('DOSSIERS_DIGITIZED')}`).value = '732.908';
      sheet.getCell(`E${rowOf('BTS_STATIONS')}`).value = 1396;
      sheet.getCell(`H${rowOf('EXAM_PILOT')}`).value = 'Có';
      sheet.getCell(`I${rowOf('EXAM_PILOT')}`).value = 'Đã thi thử tại 3 trường';
    });
    const res = await upload(headers, file);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ _id: `${province}:${unit}:CDS-Q:${period}`, status: 'submitted' });
    expect(res.json().values).toEqual([
      { indicatorCode: 'DOSSIERS_DIGITIZED', numerator: 630485, denominator: 732908 },
      { indicatorCode: 'BTS_STATIONS', value: 1396 },
      { indicatorCode: 'EXAM_PILOT', done: true, comment: 'Đã thi thử tại 3 trường' },
    ]);
  });

  it('refuses a file with three bad cells with three precise messages in both languages, storing nothing', async () => {
    const { unit, headers } = await unitWithKey();
    let rows: Record<string, number> = {};
    const file = await filledTemplate(headers, (sheet, rowOf) => {
      rows = { dossiers: rowOf('DOSSIERS_DIGITIZED'), bts: rowOf('BTS_STATIONS'), pilot: rowOf('EXAM_PILOT') };
      sheet.getCell(`F${rows['dossiers']}`).value = '1,234';
      sheet.getCell(`G${rows['dossiers']}`).value = '732.908';
      sheet.getCell(`E${rows['bts']}`).value = 'nhiều';
      sheet.getCell(`H${rows['pilot']}`).value = 'có lẽ';
    });
    const res = await upload(headers, file);
    expect(res.statusCode).toBe(422);
    const errors = res.json().errors as Array<{ field: string; row: number; column: string; message: string; messageVi: string }>;
    expect(errors.map((e) => [e.column, e.row])).toEqual([
      ['F', rows['dossiers']],
      ['E', rows['bts']],
      ['H', rows['pilot']],
    ]);
    expect(errors[0]!.message).toBe(`F${rows['dossiers']}: DOSSIERS_DIGITIZED: ambiguous: write 1.234 for 1234, or 1,2340 for the decimal`);
    expect(errors[1]!.messageVi).toBe(`E${rows['bts']}: BTS_STATIONS: không phải là số`);
    expect(errors[2]!.message).toBe(`H${rows['pilot']}: EXAM_PILOT: write Có or Không`);
    const stored = await inject({ method: 'GET', url: `/api/v1/submissions/${province}:${unit}:CDS-Q:${period}`, headers });
    expect(stored.statusCode).toBe(404);
  });

  it('names the cell of a rule broken by a value, and of a file made for another unit', async () => {
    const { headers } = await unitWithKey();
    const file = await filledTemplate(headers, (sheet, rowOf) => {
      sheet.getCell('B4').value = 'SOMEONE-ELSE';
      sheet.getCell(`F${rowOf('DOSSIERS_DIGITIZED')}`).value = 9;
      sheet.getCell(`G${rowOf('DOSSIERS_DIGITIZED')}`).value = 8;
    });
    const res = await upload(headers, file);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(['Báo cáo!B4']);
    const own = await filledTemplate(headers, (sheet, rowOf) => {
      sheet.getCell(`F${rowOf('DOSSIERS_DIGITIZED')}`).value = 9;
      sheet.getCell(`G${rowOf('DOSSIERS_DIGITIZED')}`).value = 8;
      sheet.getCell(`E${rowOf('BTS_STATIONS')}`).value = 1;
      sheet.getCell(`H${rowOf('EXAM_PILOT')}`).value = 'Không';
    });
    const broken = (await upload(headers, own)).json();
    expect(broken.errors).toHaveLength(1);
    expect(broken.errors[0]).toMatchObject({ column: 'F', message: expect.stringContaining('numerator 9 exceeds denominator 8') });
  });

  it('refuses a body that is not a workbook', async () => {
    const { headers } = await unitWithKey();
    const res = await upload(headers, Buffer.from('not a spreadsheet'));
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ field: 'file', messageVi: 'tệp gửi lên không phải bảng tính .xlsx' });
  });
});
