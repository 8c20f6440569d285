import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { ReportSubmission } from '@dtp/contracts';
import { addDays, LocalDate, obligationsDueBetween, vietnamDateOf } from '@dtp/domain';
import { bulkWriteInChunks, conditionalUpserts, DocumentLocks, KnownForm, KnownFormsService, mapLimited, WorkingCalendars } from '@dtp/messaging';
import { Model } from 'mongoose';
import { CLOCK, Clock } from '../clock/clock';
import { NOTIFICATIONS_CONFIG, NotificationsConfig } from '../config';
import { UnitsDirectory } from '@dtp/messaging';
import { Obligation, obligationIdOf, ObligationStatus, PENDING_STATUSES } from './schemas/obligation.schema';

/** What the calendar API shows: the stored status, and "late" once the deadline day has passed with nothing received. */
export type ObligationState = ObligationStatus | 'late';

export function stateOf(o: Pick<Obligation, 'status' | 'deadline'>, today: LocalDate): ObligationState {
  return o.status === 'open' && o.deadline !== undefined && o.deadline < today ? 'late' : o.status;
}

export interface CalendarQuery {
  provinceCode: string;
  unitCode?: string;
  formCode?: string;
  period?: string;
  state?: ObligationState;
}

/**
 * The reporting calendar: obligations unit × form × period with cut-off, deadline and status,
 * computed from the forms' rules and the units valid on each cut-off (libs/domain), kept current
 * by the submissions. Recomputing it adds what is missing and never loses a status.
 */
@Injectable()
export class CalendarService {
  constructor(
    @InjectModel(Obligation.name) private readonly obligations: Model<Obligation>,
    private readonly forms: KnownFormsService,
    private readonly units: UnitsDirectory,
    private readonly locks: DocumentLocks,
    private readonly calendars: WorkingCalendars,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: Pick<NotificationsConfig, 'CALENDAR_DAYS_BACK' | 'CALENDAR_DAYS_AHEAD'>,
  ) {}

  /** Adds the obligations of every scheduled form whose deadline falls in the window around today; returns how many were new. */
  async refresh(today: LocalDate = vietnamDateOf(this.clock.now())): Promise<number> {
    let added = 0;
    for (const form of await this.forms.scheduled()) added += await this.refreshForm(form, today);
    return added;
  }

  /** After the province's working calendar changed: its obligations in the window get the deadlines it gives; returns how many changed. */
  async refreshProvince(provinceCode: string, today: LocalDate = vietnamDateOf(this.clock.now())): Promise<number> {
    let changed = 0;
    for (const form of await this.forms.scheduled()) if (form.provinceCode === provinceCode) changed += await this.refreshForm(form, today);
    return changed;
  }

  private async refreshForm(form: KnownForm, today: LocalDate): Promise<number> {
    if (!form.deadline) return 0;
    const window = { start: addDays(today, -this.config.CALENDAR_DAYS_BACK), end: addDays(today, this.config.CALENDAR_DAYS_AHEAD) };
    const hierarchy = this.units.current();
    const inProvince = (unitId: string, on: LocalDate) => unitId === form.provinceCode || hierarchy.ancestorsOn(unitId, on).some((a) => a.id === form.provinceCode);
    const working = await this.calendars.of(form.provinceCode);
    const due = obligationsDueBetween(hierarchy, { ...form, deadline: form.deadline }, window, working).filter((o) => inProvince(o.unitId, o.cutOff));
    if (due.length === 0) return 0;
    const now = this.clock.now();
    const rows = due.map((o) => ({ _id: obligationIdOf({ provinceCode: form.provinceCode, unitCode: o.unitId, formCode: form.code, period: o.period }), provinceCode: form.provinceCode, unitCode: o.unitId, formCode: form.code, period: o.period, cutOff: o.cutOff, deadline: o.deadline }));
    // One read by `_id` each: FerretDB answers `_id: {$in}` by reading the whole calendar.
    const found = await mapLimited(rows, 16, (r) => this.obligations.findById(r._id, { _id: 1, deadline: 1 }).lean<{ _id: string; deadline?: string }>().exec());
    // A deadline the province's calendar now puts elsewhere is rewritten, so reminders follow the calendar.
    const current = new Map(found.filter((o): o is { _id: string; deadline?: string } => o !== null && Boolean(o.deadline)).map((o) => [o._id, o.deadline]));
    const missing = rows.filter((r) => current.get(r._id) !== r.deadline);
    if (missing.length === 0) return 0;
    // Dates are set where absent (a submission may have come first) or changed; a status already there is kept.
    await bulkWriteInChunks(
      this.obligations.collection,
      missing.map((r) => ({
        updateOne: {
          filter: { _id: r._id as never },
          update: { $set: { cutOff: r.cutOff, deadline: r.deadline, provinceCode: r.provinceCode, unitCode: r.unitCode, formCode: r.formCode, period: r.period }, $setOnInsert: { status: 'open', revision: 0, updatedAt: now } },
          upsert: true,
        },
      })),
      { ordered: false },
    );
    return missing.length;
  }

  /**
   * Applies a batch of submissions' states at once: per obligation only the newest revision, as
   * one conditional upsert each, many per command, no read first. An obligation already at a later
   * revision makes the upsert's insert collide on `_id`: that is what "stale" means. Returns the
   * obligations the batch's state was applied to (again, for a revision already there).
   */
  async applySubmissions(events: readonly ReportSubmission.Payload[]): Promise<Array<{ id: string; status: ObligationStatus; submission: ReportSubmission.Payload }>> {
    const newest = new Map<string, ReportSubmission.Payload>();
    const firstSubmitted = new Map<string, Date>();
    for (const s of events) {
      const id = obligationIdOf(s);
      const seen = newest.get(id);
      if (!seen || s.revision > seen.revision) newest.set(id, s);
      const at = new Date(s.changedAt);
      const known = firstSubmitted.get(id);
      if (s.status === 'submitted' && (!known || at < known)) firstSubmitted.set(id, at);
    }
    const batch = [...newest];
    const stale = await conditionalUpserts(
      this.obligations.collection,
      batch.map(([id, s]) => ({
        updateOne: {
          // The same revision again is applied again (harmless): a return or approval applied one by one
          // just before leaves the batch's earliest submission time to be set here.
          filter: { _id: id, revision: { $lte: s.revision } },
          update: {
            $set: { provinceCode: s.provinceCode, unitCode: s.unitCode, formCode: s.formCode, period: s.period, status: s.status, revision: s.revision, late: s.late, updatedAt: new Date(s.changedAt) },
            // The first time it was submitted: the earliest submitted revision's time, stored or in the batch.
            ...(firstSubmitted.has(id) ? { $min: { submittedAt: firstSubmitted.get(id) } } : {}),
          },
          upsert: true,
        },
      })),
    );
    return batch.filter((_, i) => !stale.has(i)).map(([id, s]) => ({ id, status: s.status, submission: s }));
  }

  /** Applies a submission's new state, once per revision and in revision order. */
  async applySubmission(s: ReportSubmission.Payload): Promise<{ id: string; status: ObligationStatus; changed: boolean }> {
    try {
      return await this.applySubmissionOnce(s);
    } catch (error) {
      // Another instance inserted the obligation first: apply over it.
      if ((error as { code?: number }).code !== 11000) throw error;
      return this.applySubmissionOnce(s);
    }
  }

  private applySubmissionOnce(s: ReportSubmission.Payload): Promise<{ id: string; status: ObligationStatus; changed: boolean }> {
    const id = obligationIdOf(s);
    return this.locks.run('obligations', id, async () => {
      const current = await this.obligations.findById(id).lean<Obligation>().exec();
      if (current && current.revision >= s.revision) return { id, status: current.status, changed: false };
      const status: ObligationStatus = s.status;
      const fields = { status, revision: s.revision, late: s.late, updatedAt: new Date(s.changedAt), ...(status === 'submitted' && !current?.submittedAt ? { submittedAt: new Date(s.changedAt) } : {}) };
      if (current) await this.obligations.updateOne({ _id: id }, { $set: fields });
      // Dates follow when the calendar next covers the period.
      else await this.obligations.collection.insertOne({ _id: id as never, provinceCode: s.provinceCode, unitCode: s.unitCode, formCode: s.formCode, period: s.period, ...fields });
      return { id, status, changed: true };
    });
  }

  /** The obligations among these ids that are still owed. */
  async pendingAmong(ids: string[]): Promise<Obligation[]> {
    if (ids.length === 0) return [];
    const found = await mapLimited([...new Set(ids)], 16, (id) => this.obligations.findById(id).lean<Obligation>().exec());
    return found.filter((o): o is Obligation => o !== null && PENDING_STATUSES.includes(o.status));
  }

  /** Owed obligations whose deadline lies in the window: what reminders are computed for. */
  async pendingWithDeadlineBetween(start: LocalDate, end: LocalDate): Promise<Obligation[]> {
    // One equality per status (pushed down on FerretDB, where `$in` reads the whole calendar); the
    // window is then applied to the owed obligations only.
    const found = await Promise.all(
      PENDING_STATUSES.map((status) => this.obligations.find({ status, deadline: { $gte: start, $lte: end } }).lean<Obligation[]>().exec()),
    );
    return found.flat().sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0));
  }

  get(id: string): Promise<Obligation | null> {
    return this.obligations.findById(id).lean<Obligation>().exec();
  }

  async list(query: CalendarQuery, limit: number): Promise<Array<Obligation & { state: ObligationState }>> {
    const today = vietnamDateOf(this.clock.now());
    const filter: Record<string, unknown> = { provinceCode: query.provinceCode };
    if (query.unitCode) filter['unitCode'] = query.unitCode;
    if (query.formCode) filter['formCode'] = query.formCode;
    if (query.period) filter['period'] = query.period;
    if (query.state === 'late') Object.assign(filter, { status: 'open', deadline: { $lt: today } });
    else if (query.state === 'open') Object.assign(filter, { status: 'open', $or: [{ deadline: { $gte: today } }, { deadline: { $exists: false } }] });
    else if (query.state) filter['status'] = query.state;
    const rows = await this.obligations.find(filter).sort({ deadline: 1, _id: 1 }).limit(limit).lean<Obligation[]>().exec();
    return rows.map((o) => ({ ...o, state: stateOf(o, today) }));
  }
}
