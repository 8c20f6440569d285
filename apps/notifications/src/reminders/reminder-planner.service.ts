import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import {
  addDays,
  DEFAULT_REMINDER_RULE,
  formatViDate,
  formWithPeriodVi,
  minutesOfClockTime,
  nextSendingTime,
  periodLabel,
  ReminderKind,
  ReminderRule,
  reminderSchedule,
  remindersDue,
  vietnamDateOf,
  vietnamInstant,
  WorkingCalendar,
  WorkingHours,
  workingDaysStated,
} from '@dtp/domain';
import { Model } from 'mongoose';
import { CalendarService } from '../calendar/calendar.service';
import { Obligation } from '../calendar/schemas/obligation.schema';
import { NOTIFICATIONS_CONFIG, NotificationsConfig } from '../config';
import { ContactsService } from '../contacts/contacts.service';
import { Contact, standingAgencyContactId, unitContactId } from '../contacts/schemas/contact.schema';
import { DeliveriesService, NewDelivery } from '../deliveries/deliveries.service';
import { InboxOwner, NoticeKind } from '../deliveries/schemas/delivery.schema';
import { UnitsDirectory } from '@dtp/messaging';
import { ReminderRulesService } from '../rules/reminder-rules.service';
import { WORKING_HOURS } from '../working-time';
import { IssuedReminder } from './schemas/issued-reminder.schema';
import { KnownFormsService, WorkingCalendars } from '@dtp/messaging';

const NOTICE_OF: Record<ReminderKind, NoticeKind> = { before: 'reminder-before', 'on-deadline': 'reminder-on-deadline', overdue: 'reminder-overdue', escalation: 'escalation' };

/** Who receives a notice: a contact (e-mail, webhook) if one is set, and always an inbox. */
export interface Recipient {
  name: string;
  contact: Contact | null;
  inbox: InboxOwner;
}

export interface PlanResult {
  obligationsAdded: number;
  remindersIssued: number;
  deliveriesScheduled: number;
}

const isDuplicate = (error: unknown) => (error as { code?: number }).code === 11000;

/**
 * Once a day or more: brings the reporting calendar up to date, works out which reminders are
 * due today for reports still owed (libs/domain), issues each once, and schedules its deliveries
 * for the rule's send time inside office hours.
 */
@Injectable()
export class ReminderPlanner {
  private readonly logger = new Logger(ReminderPlanner.name);

  constructor(
    @InjectModel(IssuedReminder.name) private readonly issued: Model<IssuedReminder>,
    private readonly calendar: CalendarService,
    private readonly rules: ReminderRulesService,
    private readonly forms: KnownFormsService,
    private readonly units: UnitsDirectory,
    private readonly contacts: ContactsService,
    private readonly deliveries: DeliveriesService,
    private readonly calendars: WorkingCalendars,
    @Inject(WORKING_HOURS) private readonly hours: WorkingHours,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: Pick<NotificationsConfig, 'CALENDAR_DAYS_BACK' | 'CALENDAR_DAYS_AHEAD' | 'DASHBOARD_URL'>,
  ) {}

  async plan(now: Date): Promise<PlanResult> {
    const today = vietnamDateOf(now);
    await this.deliveries.foldLegacyReminders();
    const obligationsAdded = await this.calendar.refresh(today);
    const rules = await this.rules.all();
    const ruleOf = (o: Obligation) => rules.get(`${o.provinceCode}:${o.formCode}`) ?? DEFAULT_REMINDER_RULE;
    const pending = await this.calendar.pendingWithDeadlineBetween(addDays(today, -this.config.CALENDAR_DAYS_BACK), addDays(today, this.config.CALENDAR_DAYS_AHEAD));

    const claimed: Array<{ obligation: Obligation; marker: IssuedReminder }> = [];
    for (const obligation of pending) {
      const working = await this.calendars.of(obligation.provinceCode);
      for (const reminder of remindersDue(reminderSchedule(obligation.deadline as string, ruleOf(obligation), working), today)) {
        const marker: IssuedReminder = { _id: `${obligation._id}:${reminder.key}`, obligationId: obligation._id, key: reminder.key, kind: reminder.kind, offset: reminder.offset, day: today, planned: false, issuedAt: now };
        try {
          await this.issued.collection.insertOne({ ...marker, _id: marker._id as never });
          claimed.push({ obligation, marker });
        } catch (error) {
          if (!isDuplicate(error)) throw error;
        }
      }
    }
    // Issued by a run that stopped before writing the deliveries.
    const unfinished = await this.issued.find({ planned: false, _id: { $nin: claimed.map((c) => c.marker._id) } }).lean<IssuedReminder[]>().exec();
    for (const marker of unfinished) {
      const obligation = await this.calendar.get(marker.obligationId);
      if (obligation?.deadline) claimed.push({ obligation, marker });
    }

    let deliveriesScheduled = 0;
    const digests = new Map<string, { recipient: Recipient; obligations: Obligation[]; sendAt: Date }>();
    for (const { obligation, marker } of claimed) {
      const rule = ruleOf(obligation);
      const working = await this.calendars.of(obligation.provinceCode);
      const sendAt = this.sendTimeOf(rule, now, today, working);
      const recipient = await this.recipientOf(obligation, marker.kind, rule);
      // The delay as it stands on the day the reminder goes out, not the rule's offset (a reminder caught up late).
      const workingDays = workingDaysStated(marker.kind, obligation.deadline as string, vietnamDateOf(sendAt), working);
      const variables = { ...(await this.obligationVariables(obligation)), workingDays, recipientName: recipient.name };
      const base = { provinceCode: obligation.provinceCode, unitCode: obligation.unitCode, formCode: obligation.formCode, period: obligation.period, obligationIds: [obligation._id], notice: NOTICE_OF[marker.kind], variables, sendAt };
      const items: NewDelivery[] = [{ ...base, _id: `${marker._id}:inbox`, channel: 'inbox', recipient: `${recipient.inbox.kind}:${recipient.inbox.provinceCode}:${recipient.inbox.id}`, inboxOwner: recipient.inbox }];
      const contact = recipient.contact;
      if (contact?.webhook) items.push({ ...base, _id: `${marker._id}:webhook`, channel: 'webhook', recipient: contact.webhook.url, contactId: contact._id });
      if (contact && contact.emails.length > 0) {
        if (contact.digest && marker.kind !== 'escalation') {
          const digest = digests.get(contact._id) ?? { recipient, obligations: [], sendAt };
          digest.obligations.push(obligation);
          digests.set(contact._id, digest);
        } else items.push({ ...base, _id: `${marker._id}:email`, channel: 'email', recipient: contact.emails.join(', '), contactId: contact._id });
      }
      deliveriesScheduled += (await this.deliveries.schedule(items, now)).length;
    }
    for (const digest of digests.values()) deliveriesScheduled += await this.scheduleDigest(digest, today, now);
    if (claimed.length > 0) await this.issued.updateMany({ _id: { $in: claimed.map((c) => c.marker._id) } }, { $set: { planned: true } });
    const result = { obligationsAdded, remindersIssued: claimed.length, deliveriesScheduled };
    if (claimed.length > 0 || obligationsAdded > 0) this.logger.log({ msg: 'reminders planned', today, ...result });
    return result;
  }

  /** One e-mail a day per unit listing its reports due a reminder; a second run the same day adds a second digest, never to the first. */
  private async scheduleDigest(digest: { recipient: Recipient; obligations: Obligation[]; sendAt: Date }, today: string, now: Date): Promise<number> {
    const contact = digest.recipient.contact as Contact;
    const first = digest.obligations[0] as Obligation;
    const items = await Promise.all(digest.obligations.map(async (o) => ({ obligationId: o._id, ...(await this.obligationVariables(o)), overdue: (o.deadline as string) < today })));
    const dayId = `digest:${contact._id}:${today}`;
    const _id = (await this.deliveries.exists(dayId)) ? `${dayId}:${now.getTime()}` : dayId;
    const variables = { unitName: digest.recipient.name, dashboardUrl: this.config.DASHBOARD_URL, items, count: items.length };
    return (await this.deliveries.schedule([{ _id, provinceCode: first.provinceCode, unitCode: first.unitCode, obligationIds: digest.obligations.map((o) => o._id), notice: 'digest', channel: 'email', recipient: contact.emails.join(', '), contactId: contact._id, variables, sendAt: digest.sendAt }], now)).length;
  }

  private sendTimeOf(rule: ReminderRule, now: Date, today: string, working: WorkingCalendar): Date {
    const at = vietnamInstant(today, minutesOfClockTime(rule.sendTime) ?? this.hours.start);
    return nextSendingTime(at.getTime() > now.getTime() ? at : now, this.hours, working);
  }

  /** The unit itself; for an escalation its parent on the period's cut-off, or the standing agency when the parent is the province or the rule says so. */
  async recipientOf(obligation: Obligation, kind: ReminderKind, rule: ReminderRule): Promise<Recipient> {
    const hierarchy = this.units.current();
    const p = obligation.provinceCode;
    const nameOf = (id: string) => (hierarchy.has(id) ? hierarchy.get(id).name : id);
    if (kind !== 'escalation') return { name: nameOf(obligation.unitCode), contact: await this.contacts.byId(unitContactId(p, obligation.unitCode)), inbox: { kind: 'unit', provinceCode: p, id: obligation.unitCode } };
    const parent = rule.escalateTo === 'parent' && hierarchy.has(obligation.unitCode) ? hierarchy.parentOn(obligation.unitCode, obligation.cutOff as string) : undefined;
    if (parent && parent.id !== p) return { name: parent.name, contact: await this.contacts.byId(unitContactId(p, parent.id)), inbox: { kind: 'unit', provinceCode: p, id: parent.id } };
    const agency = await this.contacts.byId(standingAgencyContactId(p));
    return { name: agency?.name ?? `Cơ quan thường trực chuyển đổi số tỉnh ${nameOf(p)}`, contact: agency, inbox: { kind: 'unit', provinceCode: p, id: p } };
  }

  /** What every message about an obligation can say: unit, form, period and dates, in both languages. */
  async obligationVariables(o: Obligation): Promise<Record<string, unknown>> {
    const hierarchy = this.units.current();
    const form = await this.forms.find(o.provinceCode, o.formCode);
    return {
      unitName: hierarchy.has(o.unitCode) ? hierarchy.get(o.unitCode).name : o.unitCode,
      unitCode: o.unitCode,
      formCode: o.formCode,
      formNameVi: form?.nameVi ?? o.formCode,
      formNameEn: form?.nameEn ?? o.formCode,
      period: o.period,
      periodVi: periodLabel(o.period, 'vi'),
      // The form and its period as one phrase for subject lines ("… số quý IV năm 2024", not "quý quý IV").
      reportVi: formWithPeriodVi(form?.nameVi ?? o.formCode, periodLabel(o.period, 'vi')),
      periodEn: periodLabel(o.period, 'en'),
      ...(o.deadline ? { deadline: o.deadline, deadlineVi: formatViDate(o.deadline) } : {}),
      ...(o.cutOff ? { cutOffVi: formatViDate(o.cutOff) } : {}),
      // A form off Decree 09's cut-off says by what right, so a unit does not take the date for a mistake.
      ...(form?.legalBasis ? { legalBasis: `${form.legalBasis.document} (${form.legalBasis.article})` } : {}),
      dashboardUrl: this.config.DASHBOARD_URL,
    };
  }
}
