import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { CutOffRule, cutOffRuleProblems, DeadlineRule, DeadlineRuleError, departsFromDecree09, FormSchedule, LegalBasis, validateDeadlineRule } from '@dtp/domain';
import { ReportForm as ReportFormEvent } from '@dtp/contracts';
import { DocumentLocks, VersionedModel, WorkingCalendars, writeVersioned } from '@dtp/messaging';
import { currentCorrelationId, FieldProblem, fieldsRefusal, ProblemException } from '@dtp/platform';
import { FormOutboxRelay } from './form-outbox.relay';
import { Model } from 'mongoose';
import { CutOffRuleDto, DeadlineRuleDto, LegalBasisDto, ReportFormDto } from './dto/report-form.dto';
import { formIdOf, ReportForm } from './schemas/report-form.schema';

/** How many years ahead a deadline rule is checked against the cut-off when a form is saved. */
const YEARS_CHECKED_AHEAD = 5;

/**
 * How long a form read for a submission is used before it is read again. Every report is checked
 * against its form, and forms change a few times a year: a change made here applies at once, one
 * made through another replica within this long.
 */
export const FORM_CACHE_TTL_MS = 2_000;

@Injectable()
export class FormsService {
  constructor(
    @InjectModel(ReportForm.name) private readonly forms: Model<ReportForm>,
    /** The provinces' working calendars: deadlines are computed with the form's province's. */
    readonly calendars: WorkingCalendars,
    private readonly locks: DocumentLocks,
    private readonly relay: FormOutboxRelay,
  ) {}

  private readonly cached = new Map<string, { at: number; form: Promise<ReportForm | null> }>();

  /**
   * Creates or replaces a form. A deadline rule that leaves no working day after the cut-off is
   * refused with the periods named; the cut-off is Decree 09's unless the form's legal basis sets
   * its own (`cutOff` with `legalBasis`), as some sector circulars do.
   */
  async save(dto: ReportFormDto, by: string): Promise<ReportForm> {
    const deadline = deadlineRuleOf(dto.deadline);
    const cutOff = dto.cutOff ? cutOffRuleOf(dto.cutOff) : undefined;
    const legalBasis = dto.legalBasis ? legalBasisOf(dto.legalBasis) : undefined;
    checkIndicators(dto);
    const schedule: FormSchedule = { calendar: dto.calendar, ...(cutOff ? { cutOff } : {}) };
    checkSchedule(dto.periodType, schedule, legalBasis);
    const year = new Date().getUTCFullYear();
    try {
      validateDeadlineRule(deadline, dto.periodType, schedule, await this.calendars.of(dto.provinceCode), { from: year, to: year + YEARS_CHECKED_AHEAD });
    } catch (error) {
      if (!(error instanceof DeadlineRuleError)) throw error;
      throw invalid([deadlineProblem(error, legalBasis && cutOff ? legalBasis : undefined)]);
    }
    const _id = formIdOf(dto.provinceCode, dto.code);
    const { indicators, cutOff: _cutOff, legalBasis: _legalBasis, ...rest } = dto;
    const fields = {
      ...rest,
      approvers: rest.approvers ?? ['reviewer'],
      countSubmitted: rest.countSubmitted ?? false,
      deadline,
      ...(cutOff ? { cutOff } : {}),
      ...(legalBasis ? { legalBasis } : {}),
      indicators,
      updatedBy: by,
    };
    await writeVersioned(this.forms as unknown as VersionedModel, this.locks, this.relay, _id, (version) => ({
      fields,
      // A form saved again without them follows Decree 09 again.
      unset: [...(cutOff ? [] : ['cutOff']), ...(legalBasis ? [] : ['legalBasis'])],
      topic: ReportFormEvent.TOPIC,
      events: [
        ReportFormEvent.envelope({
          source: 'reports',
          correlationId: currentCorrelationId(),
          data: {
            kind: 'saved',
            provinceCode: fields.provinceCode,
            code: fields.code,
            nameVi: fields.nameVi,
            nameEn: fields.nameEn,
            periodType: fields.periodType,
            calendar: fields.calendar,
            levels: fields.levels,
            countSubmitted: fields.countSubmitted,
            deadline,
            indicators: indicators.map(formIndicatorOf),
            ...(cutOff ? { cutOff } : {}),
            ...(legalBasis ? { legalBasis } : {}),
            version,
          },
        }),
      ],
    }));
    this.relay.nudge();
    this.cached.delete(_id);
    return this.get(dto.provinceCode, dto.code);
  }

  async get(provinceCode: string, code: string): Promise<ReportForm> {
    const _id = formIdOf(provinceCode, code);
    let entry = this.cached.get(_id);
    if (!entry || Date.now() - entry.at >= FORM_CACHE_TTL_MS) {
      entry = { at: Date.now(), form: this.forms.findById(_id, { outbox: 0, outboxCount: 0, outboxPending: 0 }).lean<ReportForm>().exec() };
      this.cached.set(_id, entry);
      // A failed read is not kept.
      entry.form.catch(() => this.cached.delete(_id));
      if (this.cached.size > 10_000) this.cached.delete(this.cached.keys().next().value as string);
    }
    const form = await entry.form;
    if (!form) throw new NotFoundException(`form ${code} of province ${provinceCode} not found`);
    return structuredClone(form);
  }

  list(provinceCode: string): Promise<ReportForm[]> {
    return this.forms.find({ provinceCode }, { outbox: 0, outboxCount: 0, outboxPending: 0 }).sort({ code: 1 }).lean<ReportForm[]>().exec();
  }
}

function deadlineRuleOf(dto: DeadlineRuleDto): DeadlineRule {
  if (dto.kind === 'working-days-after-cut-off') {
    if (dto.days === undefined) throw invalid([{ field: 'deadline.days', message: 'deadline.days is needed for working-days-after-cut-off', messageVi: 'deadline.days: cần số ngày làm việc' }]);
    return { kind: dto.kind, days: dto.days };
  }
  if (dto.day === undefined) throw invalid([{ field: 'deadline.day', message: 'deadline.day is needed for day-of-month', messageVi: 'deadline.day: cần ngày trong tháng' }]);
  return { kind: dto.kind, day: dto.day, monthsAfterPeriodEnd: dto.monthsAfterPeriodEnd ?? 0, ...(dto.roll ? { roll: dto.roll } : {}) };
}

function cutOffRuleOf(dto: CutOffRuleDto): CutOffRule {
  return { kind: dto.kind, day: dto.day, monthsAfterPeriodEnd: dto.monthsAfterPeriodEnd };
}

function legalBasisOf(dto: LegalBasisDto): LegalBasis {
  return { document: dto.document.trim().normalize('NFC'), article: dto.article.trim().normalize('NFC') };
}

/** The own cut-off falls within the period, and departing from Decree 09 needs the provision that allows it. */
function checkSchedule(periodType: ReportFormDto['periodType'], schedule: FormSchedule, legalBasis: LegalBasis | undefined): void {
  const problems: FieldProblem[] = schedule.cutOff ? cutOffRuleProblems(schedule.cutOff, periodType).map((p) => ({ ...p, field: `cutOff.${p.field}` })) : [];
  for (const part of ['document', 'article'] as const) {
    if (legalBasis && legalBasis[part] === '') problems.push({ field: `legalBasis.${part}`, message: `legalBasis.${part} is blank`, messageVi: part === 'document' ? 'căn cứ pháp lý: số hiệu văn bản đang để trống' : 'căn cứ pháp lý: điều khoản đang để trống' });
  }
  if (departsFromDecree09(schedule) && !legalBasis) {
    problems.push({
      field: 'legalBasis',
      message: 'a form whose cut-off departs from Decree 09/2019 (the 14th of the period’s last month) must name its legal basis: document and article',
      messageVi: 'biểu mẫu có ngày chốt số liệu khác Nghị định 09/2019 (ngày 14 của tháng cuối kỳ) phải nêu căn cứ pháp lý: văn bản và điều khoản',
    });
  }
  if (problems.length > 0) throw invalid(problems);
}

/** Names the cut-off the deadline broke: the form's own (with its basis) or Decree 09's, then how a sector regime is stated. */
function deadlineProblem(error: DeadlineRuleError, basis: LegalBasis | undefined): FieldProblem {
  const first = `${error.violations.length} period(s) would leave no working day after the cut-off, first: ${error.violations[0]}`;
  if (basis) {
    return {
      field: 'deadline',
      message: `${first} (the form's own cut-off, ${basis.document})`,
      messageVi: `hạn nộp không để ít nhất một ngày làm việc sau ngày chốt số liệu riêng của biểu mẫu (theo ${basis.document})`,
    };
  }
  return {
    field: 'deadline',
    message: `${first} (Decree 09/2019; a form whose legal basis sets another cut-off states it in cutOff with legalBasis)`,
    messageVi: 'hạn nộp không để ít nhất một ngày làm việc sau ngày chốt số liệu (Nghị định 09/2019); biểu mẫu theo chế độ báo cáo riêng cần khai báo ngày chốt số liệu riêng và căn cứ pháp lý',
  };
}

function checkIndicators(dto: ReportFormDto): void {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  dto.indicators.forEach((i, n) => {
    if (seen.has(i.code)) problems.push({ field: `indicators[${n}].code`, message: `indicator ${i.code} appears twice`, messageVi: `chỉ tiêu ${i.code} bị lặp` });
    seen.add(i.code);
    if (i.kind === 'milestone' && !i.milestoneAggregation) {
      problems.push({ field: `indicators[${n}].milestoneAggregation`, message: 'a milestone needs all, any or count', messageVi: 'chỉ tiêu dạng mốc cần cách tổng hợp (all, any, count)' });
    }
    if (['province-percentage', 'rank', 'index'].includes(i.kind) && dto.levels.some((l) => l !== 'province')) {
      problems.push({ field: `indicators[${n}].kind`, message: `a ${i.kind} indicator is reported at province level only`, messageVi: 'chỉ tiêu này chỉ báo cáo ở cấp tỉnh' });
    }
  });
  if (problems.length > 0) throw invalid(problems);
}

function invalid(errors: FieldProblem[]): ProblemException {
  return fieldsRefusal(422, 'invalid-form', errors);
}

/** What other services learn of a form's indicator: its definition, not the form's own settings. */
function formIndicatorOf(i: ReportForm['indicators'][number]): ReportFormEvent.FormIndicator {
  return { code: i.code, nameVi: i.nameVi, nameEn: i.nameEn, unitOfMeasure: i.unitOfMeasure, kind: i.kind, direction: i.direction, ...(i.milestoneAggregation ? { milestoneAggregation: i.milestoneAggregation } : {}) };
}
