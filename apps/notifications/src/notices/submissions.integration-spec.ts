import { getModelToken } from '@nestjs/mongoose';
import { ReportSubmission, Topics } from '@dtp/contracts';
import { infraEnv, produceRaw, submissionEvent, uniqueCode } from '@dtp/testing';
import { Model } from 'mongoose';
import { Body, NotificationsTestApp, SettableClock, startNotificationsTestApp } from '../../test/notifications-test-app';
import { Obligation } from '../calendar/schemas/obligation.schema';
import { DeliveriesService, OBLIGATION_REMINDERS } from '../deliveries/deliveries.service';

/**
 * `reports.submission.v1` reaches the calendar in batches: each obligation's newest revision,
 * whatever order and repetition the batch holds; a return announced to the unit once.
 */
describe('submissions applied to the calendar in batches', () => {
  let service: NotificationsTestApp;
  const PROVINCE = '20';
  const form = uniqueCode('BATCH');
  const admin = { roles: ['admin' as const] };
  const at = (minute: number) => new Date(Date.UTC(2026, 10, 24, 2, minute)).toISOString();

  beforeAll(async () => {
    // Tuesday 24/11/2026, 10:00 in Vietnam: inside office hours, so the notice is sent at once.
    service = await startNotificationsTestApp({ database: 'submission_batches', clock: new SettableClock('2026-11-24T03:00:00Z') });
    await service.caughtUp();
  }, 120_000);

  afterAll(async () => {
    await service?.close();
  });

  const obligations = () => service.app.get<Model<Obligation>>(getModelToken(Obligation.name));
  const send = (events: ReportSubmission.Envelope[]) => produceRaw(infraEnv().KAFKA_BROKERS, Topics.ReportSubmissionV1, events.map((e) => ({ key: PROVINCE, value: JSON.stringify(e) })));

  it('keeps the newest revision and the first submission time, announces a return once, and a redelivery changes nothing', async () => {
    const a = { provinceCode: PROVINCE, unitCode: '180', formCode: form, period: '2026Q3' };
    const b = { provinceCode: PROVINCE, unitCode: '181', formCode: form, period: '2026Q3' };
    const c = { provinceCode: PROVINCE, unitCode: '183', formCode: form, period: '2026Q3' };
    const firstOfA = submissionEvent({ ...a, revision: 1, kind: 'submitted', status: 'submitted', changedAt: at(1) });
    const firstOfB = submissionEvent({ ...b, revision: 1, kind: 'submitted', status: 'submitted', changedAt: at(4) });
    const events = [
      firstOfA,
      firstOfB,
      submissionEvent({ ...a, revision: 2, kind: 'returned', status: 'returned', changedAt: at(2) }),
      submissionEvent({ ...a, revision: 3, kind: 'revised', status: 'submitted', changedAt: at(3) }),
      // Older revisions after newer ones, as a redelivery brings them.
      firstOfA,
      firstOfB,
      // Submitted and approved in one batch: the approval is applied (and announced) first, and the
      // time of the first submission is still kept.
      submissionEvent({ ...c, revision: 1, kind: 'submitted', status: 'submitted', changedAt: at(6) }),
      submissionEvent({ ...c, revision: 2, kind: 'approved', status: 'approved', changedAt: at(7) }),
    ];
    await send(events);
    await service.caughtUp();
    const stored = async () => (await obligations().find({ formCode: form }).sort({ unitCode: 1 }).lean().exec()).map((o) => ({ unit: o.unitCode, status: o.status, revision: o.revision, submittedAt: o.submittedAt?.toISOString() }));
    expect(await stored()).toEqual([
      { unit: '180', status: 'submitted', revision: 3, submittedAt: at(1) },
      { unit: '181', status: 'submitted', revision: 1, submittedAt: at(4) },
      { unit: '183', status: 'approved', revision: 2, submittedAt: at(6) },
    ]);
    const returned = async () => ((await service.call('GET', `/api/v1/deliveries/${PROVINCE}?form=${form}&limit=100`, undefined, admin)).json() as Body[]).filter((d) => d.notice === 'report-returned');
    expect((await returned()).map((d) => d.recipient)).toEqual([`unit:${PROVINCE}:180`]);

    // Everything again, as after a consumer restart: same calendar, no second notice.
    await send(events);
    await service.caughtUp();
    expect(await stored()).toEqual([
      { unit: '180', status: 'submitted', revision: 3, submittedAt: at(1) },
      { unit: '181', status: 'submitted', revision: 1, submittedAt: at(4) },
      { unit: '183', status: 'approved', revision: 2, submittedAt: at(6) },
    ]);
    expect(await returned()).toHaveLength(1);
  });

  it('cancels reminders listed by the first version\'s per-obligation index once it is folded into the per-form-period one', async () => {
    const unit = '182';
    const obligationId = `${PROVINCE}:${unit}:${form}:2026Q3`;
    const reminderId = `${obligationId}:before-3:inbox`;
    const db = service.connection().db;
    if (!db) throw new Error('no database');
    await db.collection('deliveries').insertOne({ _id: reminderId as never, provinceCode: PROVINCE, unitCode: unit, formCode: form, period: '2026Q3', obligationIds: [obligationId], notice: 'reminder-before', channel: 'inbox', recipient: `unit:${PROVINCE}:${unit}`, variables: {}, sendAt: new Date('2026-12-01T01:00:00Z'), state: 'scheduled', attempts: 0, createdAt: new Date() });
    await db.collection(OBLIGATION_REMINDERS).insertOne({ _id: obligationId as never, deliveryIds: [reminderId] });

    await service.app.get(DeliveriesService).foldLegacyReminders();
    expect(await db.collection(OBLIGATION_REMINDERS).countDocuments({})).toBe(0);

    await send([submissionEvent({ provinceCode: PROVINCE, unitCode: unit, formCode: form, period: '2026Q3', changedAt: at(5) })]);
    await service.caughtUp();
    const reminder = await db.collection('deliveries').findOne({ _id: reminderId as never });
    expect({ state: reminder?.['state'], lastError: reminder?.['lastError'] }).toEqual({ state: 'cancelled', lastError: 'report submitted (revision 1)' });
  });
});
