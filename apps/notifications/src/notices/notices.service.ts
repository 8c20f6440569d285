import { Inject, Injectable } from '@nestjs/common';
import { ExportJob, ReportSubmission, Scorecard } from '@dtp/contracts';
import { displayedValue, formatViDate, formatViNumber, IndicatorKind, nextSendingTime, periodLabel, targetStatusLabel, valueDisplayOf, vietnamDateOf, WorkingHours } from '@dtp/domain';
import { WorkingCalendars } from '@dtp/messaging';
import { CalendarService } from '../calendar/calendar.service';
import { Obligation } from '../calendar/schemas/obligation.schema';
import { CLOCK, Clock } from '../clock/clock';
import { NOTIFICATIONS_CONFIG, NotificationsConfig } from '../config';
import { DeliveriesService, NewDelivery } from '../deliveries/deliveries.service';
import { DispatcherService } from '../deliveries/dispatcher.service';
import { UnitsDirectory } from '@dtp/messaging';
import { ReminderPlanner } from '../reminders/reminder-planner.service';
import { WORKING_HOURS } from '../working-time';
import { SubscribersService } from './subscribers.service';

const EXPORT_KIND_EN: Record<ExportJob.Kind, string> = { scorecard: 'scorecard', ranking: 'ranking', 'reporting-rates': 'reporting rates', submission: 'unit report', 'raw-values': 'raw values' };

/**
 * Notices that follow events: the calendar takes each submission (cancelling the reminders of a
 * report that arrived), the unit hears that its report was returned or approved, subscribed
 * officials hear that a target changed status. Ids come from the event, so a redelivered event
 * is one notice.
 */
/** How long an indicator's kind and unit are kept for the notices that print its values. */
const INDICATOR_CACHE_MS = 5 * 60_000;

@Injectable()
export class NoticesService {
  private readonly indicators = new Map<string, { indicator: { kind: IndicatorKind; unitOfMeasure?: string } | undefined; at: number }>();

  constructor(
    private readonly calendar: CalendarService,
    private readonly deliveries: DeliveriesService,
    private readonly dispatcher: DispatcherService,
    private readonly planner: ReminderPlanner,
    private readonly units: UnitsDirectory,
    private readonly subscribers: SubscribersService,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly calendars: WorkingCalendars,
    @Inject(WORKING_HOURS) private readonly hours: WorkingHours,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: Pick<NotificationsConfig, 'DASHBOARD_URL' | 'EXPORTS_URL' | 'INDICATORS_URL'>,
  ) {}

  /** An indicator's kind and unit from the indicators service, kept a few minutes; undefined when it cannot say. */
  private async indicatorOf(provinceCode: string, code: string): Promise<{ kind: IndicatorKind; unitOfMeasure?: string } | undefined> {
    if (!this.config.INDICATORS_URL) return undefined;
    const key = `${provinceCode}:${code}`;
    const cached = this.indicators.get(key);
    if (cached && Date.now() - cached.at < INDICATOR_CACHE_MS) return cached.indicator;
    try {
      const response = await fetch(new URL(`/api/v1/indicators/${encodeURIComponent(provinceCode)}/${encodeURIComponent(code)}`, this.config.INDICATORS_URL), { signal: AbortSignal.timeout(5_000) });
      const indicator = response.ok ? ((await response.json()) as { kind: IndicatorKind; unitOfMeasure?: string }) : undefined;
      this.indicators.set(key, { indicator, at: Date.now() });
      return indicator;
    } catch {
      return cached?.indicator;
    }
  }

  /**
   * A batch of submissions (in delivery order): returns and approvals, which the unit is told of,
   * one by one and first; then every obligation's newest state at once, and the reminders of the
   * reports that arrived are cancelled.
   */
  async onSubmissions(events: readonly ReportSubmission.Payload[]): Promise<void> {
    for (const s of events) if (s.kind === 'returned' || s.kind === 'approved') await this.onSubmission(s);
    const applied = await this.calendar.applySubmissions(events);
    const arrived = new Map(applied.filter((a) => a.status === 'submitted' || a.status === 'approved').map((a) => [a.id, a.submission]));
    if (arrived.size === 0) return;
    await this.deliveries.cancelRemindersOfMany([...arrived.keys()], (id) => `report ${arrived.get(id)?.status} (revision ${arrived.get(id)?.revision})`, this.clock.now());
  }

  async onSubmission(s: ReportSubmission.Payload): Promise<void> {
    const now = this.clock.now();
    const { id, status, changed } = await this.calendar.applySubmission(s);
    if (!changed) return;
    if (status === 'submitted' || status === 'approved') await this.deliveries.cancelRemindersOf(id, `report ${status} (revision ${s.revision})`, now);
    if (s.kind !== 'returned' && s.kind !== 'approved') return;
    const obligation: Obligation = (await this.calendar.get(id)) ?? { _id: id, provinceCode: s.provinceCode, unitCode: s.unitCode, formCode: s.formCode, period: s.period, status, revision: s.revision, updatedAt: now };
    const recipient = await this.planner.recipientOf(obligation, 'on-deadline', { daysBefore: [], onDeadline: true, daysAfter: [], escalateTo: 'parent', sendTime: '08:00' });
    const variables = { ...(await this.planner.obligationVariables(obligation)), revision: s.revision, changedBy: s.changedBy, recipientName: recipient.name };
    const prefix = `${s.submissionId}:r${s.revision}:${s.kind}`;
    const base = { provinceCode: s.provinceCode, unitCode: s.unitCode, formCode: s.formCode, period: s.period, obligationIds: [], notice: s.kind === 'returned' ? ('report-returned' as const) : ('report-approved' as const), variables, sendAt: nextSendingTime(now, this.hours, await this.calendars.of(s.provinceCode)) };
    const items: NewDelivery[] = [{ ...base, _id: `${prefix}:inbox`, channel: 'inbox', recipient: `unit:${s.provinceCode}:${s.unitCode}`, inboxOwner: recipient.inbox }];
    if (recipient.contact?.webhook) items.push({ ...base, _id: `${prefix}:webhook`, channel: 'webhook', recipient: recipient.contact.webhook.url, contactId: recipient.contact._id });
    if (recipient.contact && recipient.contact.emails.length > 0) items.push({ ...base, _id: `${prefix}:email`, channel: 'email', recipient: recipient.contact.emails.join(', '), contactId: recipient.contact._id });
    await this.deliveries.schedule(items, now);
    await this.dispatcher.dispatch(now);
  }

  async onScorecard(event: Scorecard.Envelope): Promise<void> {
    const e = event.data;
    if (e.kind !== 'target-status-changed') return;
    const now = this.clock.now();
    const subscribers = await this.subscribers.ofProvince(e.provinceCode);
    const hierarchy = this.units.current();
    // The indicator's display rule (a ratio's 0.8603 as 86,03 %), as on screens and in files.
    const display = valueDisplayOf(await this.indicatorOf(e.provinceCode, e.indicatorCode));
    const value = (v: number | null) => {
      const shown = displayedValue(v, display);
      return shown === null ? '—' : `${formatViNumber(shown, display.decimals)}${display.unit === '%' ? '%' : display.unit ? ` ${display.unit}` : ''}`;
    };
    const working = await this.calendars.of(e.provinceCode);
    const items: NewDelivery[] = [];
    for (const sub of subscribers.filter((x) => (x.programmes ?? []).length === 0 || x.programmes.includes(e.programmeCode))) {
      const variables = {
        recipientName: sub.username,
        unitName: hierarchy.has(e.unitCode) ? hierarchy.get(e.unitCode).name : e.unitCode,
        indicatorCode: e.indicatorCode,
        programmeCode: e.programmeCode,
        periodVi: periodLabel(e.period, 'vi'),
        periodEn: periodLabel(e.period, 'en'),
        // The scorecard's own words ("Không đánh giá được", as seed 003 says), so a notice and the file agree.
        statusBeforeVi: targetStatusLabel(e.statusBefore, 'vi'),
        statusAfterVi: targetStatusLabel(e.statusAfter, 'vi'),
        statusBeforeEn: targetStatusLabel(e.statusBefore, 'en').toLowerCase(),
        statusAfterEn: targetStatusLabel(e.statusAfter, 'en').toLowerCase(),
        valueVi: value(e.value),
        targetVi: value(e.target),
        dashboardUrl: this.config.DASHBOARD_URL,
      };
      const base = { provinceCode: e.provinceCode, unitCode: e.unitCode, period: e.period, obligationIds: [], notice: 'target-status-changed' as const, variables, sendAt: nextSendingTime(now, this.hours, working) };
      items.push({ ...base, _id: `${event.id}:${sub.username}:inbox`, channel: 'inbox', recipient: `user:${sub.provinceCode}:${sub.username}`, inboxOwner: { kind: 'user', provinceCode: sub.provinceCode, id: sub.username } });
      if (sub.email) items.push({ ...base, _id: `${event.id}:${sub.username}:email`, channel: 'email', recipient: sub.email });
    }
    if (items.length === 0) return;
    await this.deliveries.schedule(items, now);
    await this.dispatcher.dispatch(now);
  }

  /** The official who asked for a file hears, in their inbox (and by e-mail if subscribed), that it is ready or why not. */
  async onExportFinished(event: ExportJob.Envelope): Promise<void> {
    const e = event.data;
    const now = this.clock.now();
    const subscription = await this.subscribers.of(e.provinceCode, e.requestedBy);
    const completed = e.status === 'completed';
    const variables = {
      recipientName: e.requestedBy,
      completed,
      kindVi: ExportJob.KIND_NAMES_VI[e.kind],
      kindEn: EXPORT_KIND_EN[e.kind],
      formatLabel: e.format.toUpperCase(),
      fileName: completed ? e.fileName : '',
      downloadUrl: completed ? new URL(e.downloadPath, this.config.EXPORTS_URL).toString() : '',
      expiresVi: completed ? formatViDate(vietnamDateOf(new Date(e.expiresAt))) : '',
      reason: completed ? '' : e.reason,
      reasonVi: completed ? '' : e.reasonVi,
    };
    const base = { provinceCode: e.provinceCode, obligationIds: [], notice: 'export-finished' as const, variables, sendAt: nextSendingTime(now, this.hours, await this.calendars.of(e.provinceCode)) };
    const items: NewDelivery[] = [{ ...base, _id: `${event.id}:inbox`, channel: 'inbox', recipient: `user:${e.provinceCode}:${e.requestedBy}`, inboxOwner: { kind: 'user', provinceCode: e.provinceCode, id: e.requestedBy } }];
    if (subscription?.email) items.push({ ...base, _id: `${event.id}:email`, channel: 'email', recipient: subscription.email });
    await this.deliveries.schedule(items, now);
    await this.dispatcher.dispatch(now);
  }
}
