import { randomUUID } from 'node:crypto';
import { ExportJob, Topics } from '@dtp/contracts';
import { infraEnv, produceRaw, uniqueCode, waitFor } from '@dtp/testing';
import { Body, NotificationsTestApp, SettableClock, startNotificationsTestApp } from '../../test/notifications-test-app';

describe('export finished: the official who asked hears of it', () => {
  let service: NotificationsTestApp;
  const official = { username: uniqueCode('officer'), roles: ['reviewer' as const], provinceCode: '20' };
  const job = { provinceCode: '20', kind: 'scorecard' as const, requestedBy: official.username };

  beforeAll(async () => {
    // Tuesday 24/11/2026, 10:00 in Vietnam: inside office hours.
    service = await startNotificationsTestApp({ database: 'export_notices', clock: new SettableClock('2026-11-24T03:00:00Z') });
    await service.caughtUp();
  }, 120_000);

  afterAll(async () => {
    await service?.close();
  });

  it('puts a ready file with its link and expiry, and a failure with its reason, in their inbox, once each', async () => {
    const completed = ExportJob.envelope({
      source: 'exports',
      data: { status: 'completed', jobId: randomUUID(), format: 'docx', ...job, fileName: 'Bảng điểm Nghị quyết 49-NQ/TU năm 2025 – Lạng Sơn.docx', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', size: 18344, downloadPath: '/api/v1/exports/abc/file', expiresAt: '2026-12-01T03:00:00.000Z' },
    });
    const failed = ExportJob.envelope({ source: 'exports', data: { status: 'failed', jobId: randomUUID(), format: 'xlsx', ...job, reason: 'no figures have been reported for 2031: nothing to export', reasonVi: 'chưa có số liệu nào được báo cáo cho năm 2031: không có gì để xuất' } });
    // The completed event twice, as a redelivery would.
    await produceRaw(infraEnv().KAFKA_BROKERS, Topics.ExportJobV1, [completed, completed, failed].map((e) => ({ key: e.key, value: JSON.stringify(e) })));
    const inbox = await waitFor(async () => (await service.call('GET', '/api/v1/inbox', undefined, official)).json() as Promise<Body[]>, (messages) => messages.length >= 2, { timeoutMs: 30_000, what: 'two notices in the inbox' });
    await service.caughtUp();
    const messages = (await service.call('GET', '/api/v1/inbox', undefined, official)).json() as Body[];
    expect(messages).toHaveLength(2);
    const ready = inbox.find((m) => m.subject.includes('Đã xong'));
    expect(ready.subject).toBe('[Xuất tệp] Đã xong: Bảng điểm Nghị quyết 49-NQ/TU năm 2025 – Lạng Sơn.docx / Export ready');
    expect(ready.text).toContain('Tải về tại http://127.0.0.1:3104/api/v1/exports/abc/file trước ngày 01/12/2026.');
    const refused = inbox.find((m) => m.subject.includes('Không thành công'));
    expect(refused.text).toContain('Không tạo được tệp bảng điểm (XLSX): chưa có số liệu nào được báo cáo cho năm 2031: không có gì để xuất');
    expect(refused.text).toContain('could not be made: no figures have been reported for 2031');
    // Nobody else's inbox.
    expect((await service.call('GET', '/api/v1/inbox', undefined, { ...official, username: uniqueCode('other') })).json()).toEqual([]);
  });
});
