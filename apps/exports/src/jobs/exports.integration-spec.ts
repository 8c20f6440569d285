import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { ExportJob, Topics } from '@dtp/contracts';
import { parseCsv } from '@dtp/domain';
import { infraEnv, readTopic } from '@dtp/testing';
import { Answer, Body, ExportsTestApp, IndicatorsTestService, startExportsTestApp, startIndicatorsWithProgramme } from '../../test/exports-test-app';
import { SCORECARD_COLUMNS } from '../documents/builders/scorecard.document';
import { RetentionService } from './retention';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('exports: files made from the indicators service, read back', () => {
  let indicators: IndicatorsTestService;
  let exportsApp: ExportsTestApp;
  const scorecard = (format: string, extra: object = {}) => ({ kind: 'scorecard', format, provinceCode: '20', programmeCode: indicators.programmeCode, period: '2024', ...extra });
  const download = (job: Body): Promise<Answer> => exportsApp.call('GET', job.downloadPath);

  beforeAll(async () => {
    indicators = await startIndicatorsWithProgramme();
    exportsApp = await startExportsTestApp({ indicatorsUrl: indicators.url });
  }, 180_000);

  afterAll(async () => {
    await exportsApp?.close();
    await indicators?.close();
  });

  it('makes the scorecard as Excel: a summary sheet and one per pillar, frozen headers, vi-VN number formats, status colours', async () => {
    const created = await exportsApp.call('POST', '/api/v1/exports', scorecard('xlsx'));
    expect(created.statusCode).toBe(202);
    expect(created.json()).toMatchObject({ status: 'queued', progress: 0, kind: 'scorecard', format: 'xlsx' });
    expect(created.headers['location']).toBe(`/api/v1/exports/${created.json().id}`);

    const job = await exportsApp.exportAndWait(scorecard('xlsx'));
    expect(job.reason).toBeUndefined();
    expect(job).toMatchObject({ status: 'completed', progress: 100, rows: 3, downloadPath: `/api/v1/exports/${job.id}/file` });
    expect(job.fileName).toBe('Bảng điểm Chương trình Chuyển đổi số tỉnh Lạng Sơn năm 2024 – Lạng Sơn.xlsx');

    const file = await download(job);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe(XLSX);
    expect(file.headers['content-disposition']).toBe(
      `attachment; filename="Bang diem Chuong trinh Chuyen doi so tinh Lang Son nam 2024 _ Lang Son.xlsx"; filename*=UTF-8''${encodeURIComponent(job.fileName)}`,
    );
    expect(Number(file.headers['content-length'])).toBe(job.size);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Tổng hợp', 'Chính quyền số', 'Xã hội số']);

    const summary = workbook.getWorksheet('Tổng hợp')!;
    expect(summary.getCell('A1').value).toBe('BÁO CÁO');
    expect(summary.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    // Pillar, achieved, not achieved, not measurable, at risk, total, ratio.
    expect(summary.getRow(5).values).toEqual([undefined, 'Chính quyền số', 1, 0, 0, 0, 1, '1/1']);
    expect(summary.getRow(6).values).toEqual([undefined, 'Xã hội số', 0, 1, 1, 0, 2, '0/2']);
    expect(summary.getRow(7).values).toEqual([undefined, 'Tổng cộng', 1, 1, 1, 0, 3, '1/3']);
    expect(summary.getCell('B5').numFmt).toBe('#,##0');

    const gov = workbook.getWorksheet('Chính quyền số')!;
    expect(gov.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(gov.getRow(1).values).toEqual([undefined, ...SCORECARD_COLUMNS.map((c) => c.header)]);
    const dossiers = gov.getRow(2);
    // (450 + 300 + 250) / (500 + 400 + 300) = 83.33 %, against 80 %.
    expect(dossiers.getCell(2).value).toBe(indicators.indicator('dossiers'));
    expect(dossiers.getCell(3).value).toBe('Tỷ lệ hồ sơ công việc được số hóa');
    expect(dossiers.getCell(4).value).toBe('%');
    expect(dossiers.getCell(6).value).toBe(80);
    expect(dossiers.getCell(7).value).toBeCloseTo(83.333333, 5);
    expect(dossiers.getCell(7).numFmt).toBe('#,##0.00');
    expect(dossiers.getCell(9).value).toBe('Đạt');
    expect(dossiers.getCell(9).fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFC6EFCE' } });

    const soc = workbook.getWorksheet('Xã hội số')!;
    const statuses = [soc.getRow(2), soc.getRow(3)].map((r) => [r.getCell(2).value, r.getCell(9).value, (r.getCell(9).fill as ExcelJS.FillPattern).fgColor?.argb]);
    // 4 + 9 + 0 = 13 villages against at most 10; nobody reported smartphones.
    expect(statuses).toEqual([
      [indicators.indicator('noSignal'), 'Không đạt', 'FFFFC7CE'],
      [indicators.indicator('smartphones'), 'Không đánh giá được', 'FFEDEDED'],
    ]);
    expect(soc.getRow(2).getCell(7).value).toBe(13);
  });

  it('makes the scorecard as CSV for machines: UTF-8 with BOM, English keys, plain numbers, status codes', async () => {
    const job = await exportsApp.exportAndWait(scorecard('csv'));
    const file = await download(job);
    expect(file.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect([...file.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = parseCsv(file.rawPayload.toString('utf8'));
    expect(header).toEqual(SCORECARD_COLUMNS.map((c) => c.key));
    const byCode = new Map(rows.map((r) => [r[1], Object.fromEntries(header.map((k, i) => [k, r[i]]))]));
    expect(byCode.get(indicators.indicator('dossiers'))).toMatchObject({ pillar: 'Chính quyền số', indicator_name: 'Tỷ lệ hồ sơ công việc được số hóa', target: '80', status: 'achieved', unit_of_measure: '%' });
    expect(Number(byCode.get(indicators.indicator('dossiers'))!['actual'])).toBeCloseTo(83.333333, 5);
    expect(byCode.get(indicators.indicator('noSignal'))).toMatchObject({ pillar: 'Xã hội số', actual: '13', gap: '-3', status: 'not-achieved', comparison: 'Tối đa' });
    expect(byCode.get(indicators.indicator('smartphones'))).toMatchObject({ actual: '', status: 'not-measurable' });
    expect(file.rawPayload.toString('utf8')).toContain('\r\n');
  });

  it('exports a district’s scorecard on its own targets, never the province’s, and a commune with none says so', async () => {
    const job = await exportsApp.exportAndWait(scorecard('csv', { unitCode: '180' }));
    expect(job).toMatchObject({ status: 'completed', rows: 2 });
    const [header, ...rows] = parseCsv((await download(job)).rawPayload.toString('utf8'));
    const byCode = new Map(rows.map((r) => [r[1], Object.fromEntries(header.map((k, i) => [k, r[i]]))]));
    // Tràng Định: 300/400 dossiers against its own 70 %, 9 villages against every district's 5; no smartphone target.
    expect([...byCode.keys()]).toEqual([indicators.indicator('dossiers'), indicators.indicator('noSignal')]);
    expect(byCode.get(indicators.indicator('dossiers'))).toMatchObject({ target: '70', actual: '75', status: 'achieved' });
    expect(byCode.get(indicators.indicator('noSignal'))).toMatchObject({ target: '5', actual: '9', status: 'not-achieved' });

    const none = await exportsApp.exportAndWait(scorecard('xlsx', { unitCode: indicators.commune }));
    expect(none).toMatchObject({
      status: 'failed',
      reason: `Programme ${indicators.programmeCode} sets no targets for this unit (commune level) in 2024`,
      reasonVi: `Chương trình ${indicators.programmeCode} không giao chỉ tiêu cho đơn vị này (cấp xã) năm 2024`,
    });
  });

  it('makes the scorecard as PDF with an embedded font: the Vietnamese text comes back out accented', async () => {
    const job = await exportsApp.exportAndWait(scorecard('pdf'));
    const file = await download(job);
    expect(file.headers['content-type']).toBe('application/pdf');
    const path = writeTemp(file.rawPayload, 'scorecard.pdf');
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
    for (const phrase of ['Chuyển đổi số', 'Lạng Sơn', 'Chính quyền số', 'Xã hội số', 'Tỷ lệ hồ sơ công việc được số hóa', 'Không đánh giá được', '83,33']) expect(text).toContain(phrase);
    const fonts = execFileSync('pdffonts', [path], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    // Every font embedded (the "emb" column), none left to the reader's machine.
    for (const font of fonts) expect(font).toMatch(/TrueType.*\byes\b/);
  });

  it('makes the report to sign as Word in the Decree 30/2020 layout, with the motto, the title and the table', async () => {
    const job = await exportsApp.exportAndWait(scorecard('docx', { letterhead: { signature: { authority: 'KT. TRƯỞNG BAN', title: 'PHÓ TRƯỞNG BAN', name: 'Nguyễn Văn An' } } }));
    const file = await download(job);
    expect(file.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const zip = await JSZip.loadAsync(file.rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => [...p[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')).filter(Boolean);
    const at = (text: string) => paragraphs.indexOf(text);
    // Top: agency left, motto right; then title; the table; "Nơi nhận" and the signature last.
    expect(paragraphs.slice(0, 8)).toEqual([
      'UBND TỈNH LẠNG SƠN',
      'BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ',
      '———',
      'Số:        /BC-BCĐ',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      '———————————',
      expect.stringMatching(/^Lạng Sơn, ngày \d{2} tháng (0[12]|1[0-2]|[3-9]) năm \d{4}$/),
    ]);
    expect(at('BÁO CÁO')).toBeGreaterThan(7);
    expect(paragraphs[at('BÁO CÁO') + 1]).toBe('Kết quả thực hiện các chỉ tiêu Chương trình Chuyển đổi số tỉnh Lạng Sơn năm 2024 – Lạng Sơn');
    expect(at('Tỷ lệ hồ sơ công việc được số hóa')).toBeGreaterThan(at('BÁO CÁO'));
    expect(paragraphs).toContain('83,33');
    expect(paragraphs).toContain('Đạt');
    expect(at('Nơi nhận:')).toBeGreaterThan(at('Tỷ lệ hồ sơ công việc được số hóa'));
    expect(paragraphs.slice(-3)).toEqual(['KT. TRƯỞNG BAN', 'PHÓ TRƯỞNG BAN', 'Nguyễn Văn An']);
    // Times New Roman, 14 pt body (28 half-points), header row repeated on each page, A4 with 30 mm left margin.
    expect(xml).toContain('w:ascii="Times New Roman"');
    expect(xml).toMatch(/<w:sz w:val="28"\/>/);
    expect(xml).toContain('<w:tblHeader');
    expect(xml).toMatch(/<w:pgSz w:w="11907" w:h="16840"/);
    expect(xml).toMatch(/<w:pgMar[^>]*w:left="1701"/);
  });

  it('announces a finished export on exports.job.v1 with the download path', async () => {
    const job = await exportsApp.exportAndWait(scorecard('csv'));
    const messages = await readTopic(infraEnv().KAFKA_BROKERS, Topics.ExportJobV1, (all) => all.some((m) => m.key === job.id));
    const event = ExportJob.Envelope.parse(JSON.parse(messages.find((m) => m.key === job.id)!.value));
    expect(event.data).toMatchObject({ status: 'completed', jobId: job.id, provinceCode: '20', kind: 'scorecard', format: 'csv', requestedBy: 'admin', downloadPath: job.downloadPath, size: job.size });
  });

  it('ends an export of a period with no data as failed, with the reason in both languages, announced', async () => {
    const job = await exportsApp.exportAndWait(scorecard('xlsx', { period: '2023' }));
    expect(job).toMatchObject({ status: 'failed', reason: expect.stringContaining('2023'), reasonVi: expect.stringContaining('2023') });
    expect(job.downloadPath).toBeUndefined();
    const messages = await readTopic(infraEnv().KAFKA_BROKERS, Topics.ExportJobV1, (all) => all.some((m) => m.key === job.id));
    expect(ExportJob.Envelope.parse(JSON.parse(messages.find((m) => m.key === job.id)!.value)).data).toMatchObject({ status: 'failed', reason: job.reason, reasonVi: job.reasonVi });
    const file = await exportsApp.call('GET', `/api/v1/exports/${job.id}/file`);
    expect(file.statusCode).toBe(409);
    expect(file.headers['content-type']).toContain('application/problem+json');
  });

  it('ends as failed, not stuck, when the file cannot be stored', async () => {
    const notADirectory = writeTemp(Buffer.from('a file where the directory should be'), 'not-a-directory');
    const broken = await startExportsTestApp({ indicatorsUrl: indicators.url, env: { EXPORTS_DIR: join(notADirectory, 'exports'), EXPORT_ATTEMPTS: '2' } });
    try {
      const job = await broken.exportAndWait(scorecard('xlsx'));
      expect(job).toMatchObject({ status: 'failed', reason: expect.stringMatching(/^the file could not be made: .*(ENOTDIR|EEXIST)/), reasonVi: 'lỗi hệ thống khi tạo tệp; hãy yêu cầu xuất lại' });
    } finally {
      await broken.close();
    }
  });

  it('deletes files past their retention and says so on download', async () => {
    const job = await exportsApp.exportAndWait(scorecard('csv'));
    const retention = exportsApp.app.get(RetentionService);
    expect(await retention.sweep(exportsApp.clock.now())).toBe(0);
    exportsApp.clock.advanceDays(8);
    expect(await retention.sweep(exportsApp.clock.now())).toBeGreaterThanOrEqual(1);
    expect((await exportsApp.call('GET', `/api/v1/exports/${job.id}`)).json()).toMatchObject({ status: 'expired' });
    const gone = await exportsApp.call('GET', `/api/v1/exports/${job.id}/file`);
    expect(gone.statusCode).toBe(410);
    expect(gone.json()).toMatchObject({ status: 410, vi: { title: 'Không còn tồn tại' } });
  });

  it('refuses a request that misses what its kind needs, naming each field, and keeps officials to their province and unit', async () => {
    const missing = await exportsApp.call('POST', '/api/v1/exports', { kind: 'scorecard', format: 'xlsx', provinceCode: '20' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors.map((e: Body) => e.field)).toEqual(['programmeCode', 'period']);
    // The Vietnamese text names the kind of export in Vietnamese, not by its code ("khi xuất scorecard").
    expect(missing.json().errors[0].messageVi).toBe('programmeCode là bắt buộc khi xuất bảng điểm');
    const tooLong = await exportsApp.call('POST', '/api/v1/exports', { kind: 'raw-values', format: 'docx', provinceCode: '20', year: 2024 });
    expect(tooLong.json().errors).toEqual([expect.objectContaining({ field: 'format', messageVi: 'số liệu báo cáo quá dài cho định dạng DOCX: hãy chọn XLSX, CSV hoặc PDF' })]);
    const badFormat = await exportsApp.call('POST', '/api/v1/exports', scorecard('odt'));
    expect(badFormat.json().errors.map((e: Body) => e.field)).toEqual(['format']);
    expect((await exportsApp.call('POST', '/api/v1/exports', scorecard('xlsx'), null)).statusCode).toBe(401);
    expect((await exportsApp.call('POST', '/api/v1/exports', scorecard('xlsx'), { provinceCode: '42' })).statusCode).toBe(403);
    const unitOfficer = { username: 'trang.dinh', roles: ['unit-officer' as const], unitCode: '180' };
    expect((await exportsApp.call('POST', '/api/v1/exports', scorecard('xlsx'), unitOfficer)).statusCode).toBe(403);
    const own = await exportsApp.call('POST', '/api/v1/exports', { kind: 'submission', format: 'csv', provinceCode: '20', unitCode: '180', formCode: 'F1', period: '2024' }, unitOfficer);
    expect(own.statusCode).toBe(202);
    // Theirs alone in the list; another official's export is not found for them.
    const listed = (await exportsApp.call('GET', '/api/v1/exports?provinceCode=20', undefined, unitOfficer)).json();
    expect(listed.map((j: Body) => j.id)).toEqual([own.json().id]);
    const others = (await exportsApp.call('GET', '/api/v1/exports?provinceCode=20')).json();
    expect((await exportsApp.call('GET', `/api/v1/exports/${others.find((j: Body) => j.requestedBy === 'admin').id}`, undefined, unitOfficer)).statusCode).toBe(404);
  });
});

function writeTemp(content: Buffer, name: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'dtp-export-read-')), name);
  writeFileSync(path, content);
  return path;
}
