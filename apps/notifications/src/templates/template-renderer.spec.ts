import { DEFAULT_TEMPLATES_DIRECTORY, TemplateRenderer, UnknownTemplateError } from './template-renderer';

describe('message templates', () => {
  const renderer = new TemplateRenderer(DEFAULT_TEMPLATES_DIRECTORY);

  it('cover every notice the service sends', () => {
    expect(renderer.names()).toEqual(['digest', 'escalation', 'export-finished', 'manual-reminder', 'reminder-before', 'reminder-on-deadline', 'reminder-overdue', 'report-approved', 'report-returned', 'target-status-changed']);
  });

  it.each(new TemplateRenderer(DEFAULT_TEMPLATES_DIRECTORY).names())('%s renders from the sample values with nothing left unfilled, Vietnamese first', (name) => {
    const message = renderer.render(name, renderer.samples);
    for (const part of [message.subject, message.text, message.html]) expect(part).not.toMatch(/\{\{|\}\}/);
    expect(message.text.indexOf('Kính gửi')).toBe(0);
    expect(message.text).toContain('Dear ');
    for (const variable of renderer.variablesOf(name).filter((v) => !v.includes('.'))) expect(Object.keys(renderer.samples)).toContain(variable);
  });

  it('escapes HTML in the HTML part only, and leaves dates and links readable', () => {
    const message = renderer.render('reminder-before', { ...renderer.samples, unitName: 'Phòng <Văn hoá> & "Thông tin"' });
    expect(message.text).toContain('Kính gửi Phòng <Văn hoá> & "Thông tin",');
    expect(message.html).toContain('Kính gửi Phòng &lt;Văn hoá&gt; &amp; &quot;Thông tin&quot;,');
    expect(message.html).toContain('20/12/2024');
    expect(message.html).toContain('http://127.0.0.1:3100');
  });

  it('names a quarterly form and its quarter without saying "quý" twice in subject lines', () => {
    for (const name of renderer.names()) expect(renderer.render(name, renderer.samples).subject).not.toMatch(/quý quý/i);
    expect(renderer.render('reminder-overdue', renderer.samples).subject).toBe('[Quá hạn 3 ngày làm việc] Báo cáo chuyển đổi số quý IV năm 2024 / Overdue: Quarterly digital transformation report Q4 2024');
    // A delivery scheduled before `reportVi` existed names its form and period once too.
    const { reportVi: _reportVi, ...older } = renderer.samples;
    expect(renderer.render('reminder-overdue', older).subject).toContain('] Báo cáo chuyển đổi số quý IV năm 2024 /');
  });

  it('cites the legal basis of a form with its own cut-off beside the cut-off date, and nothing for a Decree 09 form', () => {
    const own = renderer.render('reminder-before', { ...renderer.samples, cutOffVi: '31/05/2025', legalBasis: 'Thông tư 03/2022/TT-BTTTT (Điều 5)' });
    expect(own.text).toContain('(số liệu chốt đến ngày 31/05/2025, theo Thông tư 03/2022/TT-BTTTT (Điều 5)).');
    expect(own.text).toContain('(data as of 31/05/2025, under Thông tư 03/2022/TT-BTTTT (Điều 5)).');
    const { legalBasis: _legalBasis, ...decree09 } = renderer.samples;
    expect(renderer.render('reminder-before', decree09).text).toContain('(số liệu chốt đến ngày 14/12/2024).');
  });

  it('lists a digest’s items', () => {
    expect(renderer.variablesOf('digest')).toContain('items.overdue');
    const message = renderer.render('digest', renderer.samples);
    expect(message.subject).toBe('[Tổng hợp] 2 báo cáo cần nộp của UBND huyện Tràng Định / Digest: 2 reports pending');
    expect(message.text).toContain('- Báo cáo chính quyền số kỳ tháng 11 năm 2024: hạn nộp ngày 18/11/2024 (đã quá hạn)');
    expect(message.text).toContain('- Quarterly digital transformation report for Q4 2024: due 20/12/2024\n');
  });

  it('tells an official their export is ready, or why it failed', () => {
    const ready = renderer.render('export-finished', renderer.samples);
    expect(ready.subject).toBe('[Xuất tệp] Đã xong: Bảng điểm Nghị quyết 49-NQ/TU năm 2025 – Lạng Sơn.docx / Export ready');
    expect(ready.text).toContain('Tải về tại http://127.0.0.1:3104/api/v1/exports/0b6f4c1e-8a57-4a57-9d0e-0a4bd1f1c0de/file trước ngày 30/11/2026.');
    const failed = renderer.render('export-finished', { ...renderer.samples, completed: false });
    expect(failed.subject).toBe('[Xuất tệp] Không thành công: bảng điểm / Export failed');
    expect(failed.text).toContain('Không tạo được tệp bảng điểm (DOCX): chưa có số liệu nào được báo cáo cho năm 2031');
    expect(failed.text).not.toContain('Tải về');
  });

  it('refuses a template it does not have', () => {
    expect(() => renderer.render('nope', {})).toThrow(UnknownTemplateError);
  });
});
