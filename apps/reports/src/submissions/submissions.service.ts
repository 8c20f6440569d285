import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { ReportSubmission } from '@dtp/contracts';
import {
  cutOffDate,
  deadlineOf,
  formatPeriodId,
  isLate,
  parsePeriodId,
  periodDates,
  periodTypeLabel,
  SubmissionAction,
  transition,
  unitReportingRefusal,
  vietnamDateOf,
} from '@dtp/domain';
import { DocumentLocks, outboxAppend, OutboxDocument, UnitsDirectory, unitsCheckable } from '@dtp/messaging';
import { currentCorrelationId, ProblemException, refusal, rolesInVietnamese } from '@dtp/platform';
import { Model } from 'mongoose';
import { FormsService } from '../forms/forms.service';
import { ReportForm } from '../forms/schemas/report-form.schema';
import { ReportedValue, Revision, Submission } from './schemas/submission.schema';
import { SubmissionOutboxRelay } from './submission-outbox.relay';
import { currentRequestIdentity } from '../idempotency/request-identity';
import { checkValues, plainValues } from './submission-values';

const SOURCE = 'reports';
const MAX_WRITE_ATTEMPTS = 8;
const DUPLICATE_KEY = 11000;
const HIDDEN = { outbox: 0, outboxCount: 0, outboxPending: 0 } as const;

export interface SubmissionRef {
  provinceCode: string;
  unitCode: string;
  formCode: string;
  period: string;
}

export interface ActionRequest {
  action: SubmissionAction;
  actor: 'unit' | 'reviewer';
  by: string;
  /** A reviewer's roles: the form names which may return and approve. */
  roles?: readonly string[];
  values?: ReportedValue[];
  comment?: string;
  now?: Date;
}

export function submissionIdOf(s: SubmissionRef): string {
  return `${s.provinceCode}:${s.unitCode}:${s.formCode}:${s.period}`;
}

export function parseSubmissionId(id: string): SubmissionRef {
  const [provinceCode, unitCode, formCode, period, ...rest] = id.split(':');
  if (!provinceCode || !unitCode || !formCode || !period || rest.length > 0) throw new NotFoundException(`submission ${id} not found`);
  return { provinceCode, unitCode, formCode, period };
}

/**
 * Every change to a submission, as one rule: the life cycle (libs/domain) decides whether the
 * action is allowed; the new state, a revision holding the whole state, and the
 * `reports.submission.v1` event (when the action announces one) are written in one document
 * write, conditional on the revision read, so concurrent writers cannot both win.
 */
@Injectable()
export class SubmissionsService {
  constructor(
    @InjectModel(Submission.name) private readonly submissions: Model<Submission>,
    private readonly forms: FormsService,
    private readonly relay: SubmissionOutboxRelay,
    private readonly locks: DocumentLocks,
    private readonly units: UnitsDirectory,
  ) {}

  async act(ref: SubmissionRef, incoming: ActionRequest): Promise<Submission> {
    const { form, request } = await this.checked(ref, incoming);
    const _id = submissionIdOf(ref);
    const { submission, published } = await this.locks.run(this.submissions.collection.collectionName, _id, () => this.write(_id, ref, form, request));
    // The event goes now, from what was written (no poll, no read); not awaited: the report is
    // stored, and what cannot be sent now stays marked for the relay's poll.
    if (published) void this.relay.publishWritten(published.doc, published.token);
    // What this write stored, not a read after it: one document read less per report.
    return submission;
  }

  /** Everything `act` would check, without writing: for dry runs. */
  async preview(ref: SubmissionRef, incoming: ActionRequest): Promise<void> {
    const { request } = await this.checked(ref, incoming);
    const current = await this.find(ref);
    const next = transition(current?.status, request.action, request.actor, Boolean(current?.firstSubmittedAt));
    if (!next.ok) throw refused(next.code, next.reason, next.reasonVi);
  }

  /** The stored submission, or null. */
  find(ref: SubmissionRef): Promise<Submission | null> {
    return this.submissions.findById(submissionIdOf(ref), HIDDEN).lean<Submission>().exec();
  }

  /** The rules that need no lock: who may review, the period, the values against the form. */
  private async checked(ref: SubmissionRef, incoming: ActionRequest): Promise<{ form: ReportForm; request: ActionRequest }> {
    const request = incoming.values ? { ...incoming, values: plainValues(incoming.values) } : incoming;
    const form = await this.forms.get(ref.provinceCode, ref.formCode);
    checkReviewer(form, request);
    checkPeriod(form, ref.period, request.now ?? new Date());
    if (request.actor === 'unit') await this.checkUnit(ref, form);
    if (request.values) checkValues(request.values, form.indicators, request.action !== 'save-draft');
    return { form, request };
  }

  /**
   * A unit reports only for a period in which it exists in the province, by the units list as it
   * stood at the period's cut-off (when the indicators service is known: UnitsDirectory). A unit
   * not found may have been imported a moment ago: the list is read again once before refusing.
   */
  private async checkUnit(ref: SubmissionRef, form: ReportForm): Promise<void> {
    if ((await unitsCheckable(this.units)) === 'off') return;
    const on = cutOffDate(ref.period, form);
    let refusalOf = unitReportingRefusal(this.units.current(), ref.unitCode, ref.provinceCode, on);
    if (refusalOf) {
      await this.units.reloadIfStale();
      refusalOf = unitReportingRefusal(this.units.current(), ref.unitCode, ref.provinceCode, on);
    }
    if (refusalOf) throw refusal(422, refusalOf.code, refusalOf.detail, refusalOf.detailVi, [{ field: 'period', message: refusalOf.detail, messageVi: refusalOf.detailVi }]);
  }

  async get(id: string): Promise<Submission> {
    const found = await this.submissions.findById(id, HIDDEN).lean<Submission>().exec();
    if (!found) throw new NotFoundException(`submission ${id} not found`);
    return found;
  }

  /** The submission exactly as it stood after a given revision. */
  async atRevision(id: string, revision: number): Promise<Revision> {
    const found = await this.get(id);
    const entry = found.history.find((h) => h.revision === revision);
    if (!entry) throw new NotFoundException(`submission ${id} has no revision ${revision} (latest is ${found.revision})`);
    return entry;
  }

  /**
   * Writes the action's outcome conditionally on the revision read; returns the submission as
   * written and, when it announces an event, its outbox as written with the marker's token. A
   * report's first version is inserted without a read first (the usual case); an insert that
   * finds the submission there reads it and applies the action to it.
   */
  private async write(_id: string, ref: SubmissionRef, form: ReportForm, request: ActionRequest): Promise<{ submission: Submission; published?: { doc: OutboxDocument; token: string } }> {
    const mayCreate = request.action === 'submit' || request.action === 'save-draft';
    const working = await this.forms.calendars.of(ref.provinceCode);
    const requestId = currentRequestIdentity();
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt += 1) {
      const current = attempt === 0 && mayCreate ? null : await this.submissions.findById(_id).lean<Submission>().exec();
      // This very request was written before and its answer lost (the store went away between
      // the write and the record of the answer): answer what it made, never a second revision.
      if (requestId && current?.history.some((h) => h.requestId === requestId)) return { submission: withoutOutbox(current) };
      const everSubmitted = Boolean(current?.firstSubmittedAt);
      const next = transition(current?.status, request.action, request.actor, everSubmitted);
      if (!next.ok) {
        if (current === null && attempt === 0 && mayCreate) continue; // refused as new: read what is there
        throw refused(next.code, next.reason, next.reasonVi);
      }

      const now = request.now ?? new Date();
      const revision = (current?.revision ?? 0) + 1;
      const values = request.values ?? current?.values ?? [];
      // Fixed when first submitted, so the late flag never moves; a draft follows the province's calendar as it changes.
      const deadline = current?.firstSubmittedAt && current.deadline ? current.deadline : deadlineOf(form.deadline, ref.period, form, working);
      const firstSubmittedAt = current?.firstSubmittedAt ?? (next.status === 'submitted' ? now : null);
      const late = Boolean(current?.late) || (firstSubmittedAt !== null && isLate(firstSubmittedAt, deadline));
      const entry: Revision = { revision, action: request.action, status: next.status, values, ...(request.comment ? { comment: request.comment } : {}), changedAt: now, changedBy: request.by, ...(requestId ? { requestId } : {}) };
      const state = { status: next.status, revision, values, deadline, firstSubmittedAt, late, updatedAt: now };
      const outbox = next.event ? outboxAppend(ReportSubmission.TOPIC, [this.eventOf(ref, _id, next.event, state, request.by, form, approvedBefore(current, next.status))], now) : undefined;

      const token = outbox ? await this.relay.expect([_id]) : undefined;
      const published = (doc: OutboxDocument) => (outbox && token ? { published: { doc, token } } : {});
      try {
        if (current) {
          const { matchedCount } = await this.submissions.updateOne(
            { _id, revision: current.revision },
            { $set: { ...state, ...(outbox?.$set ?? {}) }, $push: { history: entry }, ...(outbox ? { $inc: outbox.$inc } : {}) },
          );
          if (matchedCount === 1) {
            const doc = { _id, outbox: { ...(current.outbox ?? {}), ...(outbox?.fields.outbox ?? {}) }, outboxCount: (current.outboxCount ?? 0) + (outbox?.fields.outboxCount ?? 0) };
            return { submission: withoutOutbox({ ...current, ...state, history: [...current.history, entry] }), ...published(doc) };
          }
        } else {
          const created = { _id, ...ref, ...state, history: [entry] };
          const fields = outbox?.fields ?? { outbox: {}, outboxCount: 0 };
          await this.submissions.collection.insertOne({ ...created, _id: _id as never, ...fields });
          return { submission: created as Submission, ...published({ _id, outbox: fields.outbox, outboxCount: fields.outboxCount }) };
        }
      } catch (error) {
        if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
      }
    }
    throw refused('conflict', `submission ${_id} is being changed by someone else; try again`, `báo cáo ${_id} đang được người khác cập nhật; vui lòng thử lại`);
  }

  private eventOf(
    ref: SubmissionRef,
    submissionId: string,
    kind: ReportSubmission.Kind,
    state: { status: string; revision: number; values: ReportedValue[]; late: boolean; updatedAt: Date },
    by: string,
    form: ReportForm,
    approved: Revision | undefined,
  ): ReportSubmission.Envelope {
    return ReportSubmission.envelope({
      source: SOURCE,
      correlationId: currentCorrelationId(),
      occurredAt: state.updatedAt,
      data: {
        kind,
        submissionId,
        ...ref,
        revision: state.revision,
        status: state.status as ReportSubmission.Status,
        values: state.values.map(({ comment: _comment, ...v }) => v),
        late: state.late,
        countable: state.status === 'approved' || (state.status === 'submitted' && Boolean(form.countSubmitted)),
        ...(approved ? { approved: { revision: approved.revision, values: approved.values.map(({ comment: _comment, ...v }) => v) } } : {}),
        changedAt: state.updatedAt.toISOString(),
        changedBy: by,
      },
    });
  }
}

/**
 * The last approved revision of a report that the action leaves not approved (a correction, or
 * its return): the indicators service keeps counting its figures until a revision is approved
 * again, rather than dropping the unit from the published figures meanwhile.
 */
function approvedBefore(current: Submission | null, status: string): Revision | undefined {
  if (!current || status === 'approved') return undefined;
  return [...current.history].reverse().find((h) => h.status === 'approved');
}

/** The submission as readers see it (`HIDDEN` fields left out). */
function withoutOutbox(doc: Submission): Submission {
  const { outbox: _outbox, outboxCount: _count, outboxPending: _pending, ...rest } = doc as Submission & Record<string, unknown>;
  return rest as unknown as Submission;
}

/** Only the roles the form names return and approve its reports. */
function checkReviewer(form: ReportForm, request: ActionRequest): void {
  const approvers = form.approvers ?? ['reviewer'];
  if (request.actor === 'reviewer' && !request.roles?.some((r) => (approvers as readonly string[]).includes(r))) {
    throw refusal(403, 'forbidden', `form ${form.code} is reviewed by ${approvers.join(' or ')}`, `chỉ ${rolesInVietnamese(approvers)} được trả lại hoặc phê duyệt báo cáo theo biểu mẫu ${form.code}`);
  }
}

/** The period must be of the form's type and open: its first day has come (in Vietnam). */
function checkPeriod(form: ReportForm, period: string, now: Date): void {
  const parsed = parsePeriodId(period);
  if (parsed.type !== form.periodType) {
    throw refused(
      'invalid-period',
      `form ${form.code} is reported by ${periodTypeLabel(form.periodType, 'en')}, not by ${periodTypeLabel(parsed.type, 'en')} (${formatPeriodId(parsed)})`,
      `biểu mẫu ${form.code} báo cáo theo ${periodTypeLabel(form.periodType, 'vi')}, không theo ${periodTypeLabel(parsed.type, 'vi')} (${formatPeriodId(parsed)})`,
      'period',
    );
  }
  const opens = periodDates(parsed, form).start;
  if (vietnamDateOf(now) < opens) {
    throw refused('period-not-open', `period ${period} opens on ${opens}`, `kỳ báo cáo ${period} mở từ ngày ${opens}`, 'period');
  }
}

const STATUS: Record<string, number> = { locked: 409, conflict: 409, 'not-submitted': 409, 'not-allowed': 409, 'period-not-open': 422, 'invalid-period': 422 };

function refused(code: string, detail: string, detailVi: string, field?: string): ProblemException {
  return refusal(STATUS[code] ?? 409, code, detail, detailVi, field ? [{ field, message: detail, messageVi: detailVi }] : undefined);
}
