import fc from 'fast-check';
import { ExportJob } from '@dtp/contracts';
import {
  comparisonLabel,
  cutOffRuleProblems,
  DEFAULT_WORKING_HOURS,
  describeCounts,
  describeProvisional,
  documentPlaceAndDate,
  FixedPeriodType,
  formatPeriodId,
  formWithPeriodVi,
  IndicatorKind,
  IndicatorValue,
  LifecycleActor,
  noTargetsNote,
  overrideProblems,
  periodLabel,
  PeriodType,
  periodTypeLabel,
  progressLabel,
  reminderRuleViolations,
  scopeProblems,
  submissionStatusLabel,
  SubmissionAction,
  SubmissionStatus,
  targetStatusLabel,
  transition,
  UNIT_LEVELS,
  unitLevelLabel,
  validateIndicatorValue,
  vietnamHolidays,
} from '@dtp/domain';
import { OFFICIAL_ROLES, rolesInVietnamese } from '@dtp/platform';
import { arbitraryFixedPeriod } from '../../libs/domain/src/periods/period.arbitraries';
import { EXPORT_STATUS_NAMES_VI } from '../../apps/exports/src/jobs/schemas/export-job.schema';
import { DEFAULT_TEMPLATES_DIRECTORY, TemplateRenderer } from '../../apps/notifications/src/templates/template-renderer';
import { vietnameseTextFindings } from './vietnamese-text';

/**
 * What the platform says in Vietnamese, produced by the code itself over all its inputs: every
 * label and description of libs/domain, every refusal text it builds, every notification
 * template rendered with each kind of period, status and export. No English word or code, no word
 * said twice (the "quý quý IV" of a template meeting its variable).
 */
const findingsOf = (texts: Iterable<string>) => [...texts].flatMap((t) => vietnameseTextFindings(t).map((f) => `${f.word}  ←  ${f.text}`));

const PERIOD_TYPES: PeriodType[] = ['year', 'nine-months', 'half-year', 'quarter', 'month', 'range'];
const FIXED_TYPES: FixedPeriodType[] = ['year', 'nine-months', 'half-year', 'quarter', 'month'];
// One period of each kind and index, at the edges (first and last month, quarter, half).
const PERIOD_IDS = ['2025', '2025N9', '2025S1', '2025S2', '2025Q1', '2025Q2', '2025Q3', '2025Q4', ...Array.from({ length: 12 }, (_, m) => `2025${String(m + 1).padStart(2, '0')}`), '20250301_20250531'];
const STATUSES = ['achieved', 'not-achieved', 'not-measurable'] as const;
const KINDS: IndicatorKind[] = ['count', 'ratio', 'province-percentage', 'rank', 'milestone', 'index'];

describe('Vietnamese produced by the domain', () => {
  it('names every period, kind of period, level, status, progress and comparison in Vietnamese words', () => {
    const texts = [
      ...PERIOD_IDS.map((p) => periodLabel(p, 'vi')),
      ...PERIOD_TYPES.map((t) => periodTypeLabel(t, 'vi')),
      ...UNIT_LEVELS.map((l) => unitLevelLabel(l, 'vi')),
      ...STATUSES.map((s) => targetStatusLabel(s, 'vi')),
      ...(['on-track', 'at-risk'] as const).map((p) => progressLabel(p, 'vi')),
      ...(['at-least', 'at-most', 'done'] as const).map((c) => comparisonLabel(c, 'vi')),
      ...(['draft', 'submitted', 'returned', 'approved'] as const).map((s) => submissionStatusLabel(s, 'vi')),
      ...Object.values(ExportJob.KIND_NAMES_VI),
      ...Object.values(EXPORT_STATUS_NAMES_VI),
      rolesInVietnamese(OFFICIAL_ROLES),
      ...OFFICIAL_ROLES.map((r) => rolesInVietnamese([r])),
    ];
    expect(findingsOf(texts)).toEqual([]);
    expect(new Set(texts.filter((t) => /^[a-z-]+$/.test(t)))).toEqual(new Set());
  });

  it('labels every period of any year, and puts a form’s name before it without saying its kind twice', () => {
    const formNames = ['Báo cáo chuyển đổi số', 'Báo cáo năm', 'Báo cáo 9 tháng', 'Báo cáo 6 tháng', 'Báo cáo quý', 'Báo cáo tháng', 'Báo cáo hằng quý', 'Báo cáo hằng tháng', 'Báo cáo định kỳ'];
    fc.assert(
      fc.property(arbitraryFixedPeriod, fc.constantFrom(...formNames), (period, name) => {
        const label = periodLabel(formatPeriodId(period), 'vi');
        expect(findingsOf([label, formWithPeriodVi(name, label), `kỳ ${label}`])).toEqual([]);
      }),
    );
  });

  it('describes any scorecard’s counts and provisional figures, and a unit without targets at any level', () => {
    fc.assert(
      fc.property(fc.nat(40), fc.nat(40), fc.nat(40), (achieved, notAchieved, notMeasurable) => {
        expect(findingsOf([describeCounts({ total: achieved + notAchieved + notMeasurable, achieved, notAchieved, notMeasurable, onTrack: 0, atRisk: 0 }).vi])).toEqual([]);
      }),
    );
    fc.assert(
      fc.property(fc.array(fc.record({ provisional: fc.boolean(), provisionalUnits: fc.nat(3), correctingUnits: fc.nat(3) }), { maxLength: 6 }), (figures) => {
        expect(findingsOf([describeProvisional(figures).provisionalNote?.vi ?? ''])).toEqual([]);
      }),
    );
    expect(findingsOf([...UNIT_LEVELS, undefined].map((l) => noTargetsNote('49-NQ-TU', 2025, l).vi))).toEqual([]);
  });

  it('refuses a value of any kind, sent in any shape, by any level, in Vietnamese words', () => {
    const shapes: IndicatorValue[] = [{ value: -1.5 }, { value: 101 }, { value: Number.NaN }, { numerator: 9, denominator: 8 }, { numerator: -1, denominator: Number.NaN }, { done: true }];
    const texts = KINDS.flatMap((kind) =>
      UNIT_LEVELS.flatMap((reporter) =>
        shapes.flatMap((v) =>
          validateIndicatorValue({ code: 'DVC_TT', nameVi: 'Dịch vụ công trực tuyến', nameEn: 'Online services', unitOfMeasure: '%', kind, direction: 'higher-is-better', reportedBy: ['province'], bounds: { min: 0, max: 50 } }, v, reporter).map((p) => p.messageVi),
        ),
      ),
    );
    expect(texts.length).toBeGreaterThan(50);
    expect(findingsOf(texts)).toEqual([]);
  });

  it('refuses every step of a report’s life it does not allow, in Vietnamese words', () => {
    const statuses: Array<SubmissionStatus | undefined> = [undefined, 'draft', 'submitted', 'returned', 'approved'];
    const actions: SubmissionAction[] = ['save-draft', 'submit', 'return', 'approve', 'correct'];
    const actors: LifecycleActor[] = ['unit', 'reviewer'];
    const reasons = statuses.flatMap((s) => actions.flatMap((a) => actors.map((actor) => transition(s, a, actor)))).flatMap((t) => (t.ok ? [] : [t.reasonVi]));
    expect(reasons.length).toBeGreaterThan(10);
    expect(findingsOf(reasons)).toEqual([]);
  });

  it('refuses a reminder rule, a cut-off, a target scope and a day override in Vietnamese words', () => {
    const texts = [
      ...reminderRuleViolations({ daysBefore: [0, 0, 61], onDeadline: true, daysAfter: [1.5], escalateAfter: 99, escalateTo: 'parent', sendTime: '25:00' }, DEFAULT_WORKING_HOURS).map((p) => p.messageVi),
      ...reminderRuleViolations({ daysBefore: [3], onDeadline: true, daysAfter: [1], escalateTo: 'parent', sendTime: '05:00' }, DEFAULT_WORKING_HOURS).map((p) => p.messageVi),
      ...FIXED_TYPES.flatMap((type) => cutOffRuleProblems({ kind: 'day-of-month', day: 40, monthsAfterPeriodEnd: 5 }, type).map((p) => p.messageVi)),
      ...scopeProblems(
        [
          { indicatorCode: 'BTS', year: 2025, value: 1, comparison: 'at-least', pillar: 'gov', scope: 'nowhere' as never },
          { indicatorCode: 'BTS', year: 2025, value: 1, comparison: 'at-least', pillar: 'gov', scope: 'units', unitCodes: [] },
          { indicatorCode: 'BTS', year: 2025, value: 1, comparison: 'at-least', pillar: 'gov', scope: 'commune', unitCodes: ['180'] },
          { indicatorCode: 'BTS', year: 2025, value: 1, comparison: 'at-least', pillar: 'gov', scope: 'units', unitCodes: ['99999'] },
          { indicatorCode: 'BTS', year: 2025, value: 1, comparison: 'at-least', pillar: 'gov', scope: 'every-level' },
          { indicatorCode: 'NEW', year: 2025, value: 1, comparison: 'at-least', pillar: 'gov', scope: 'every-level' },
        ] as never,
        { kindOf: (code) => (code === 'BTS' ? 'count' : undefined), isUnitOfProvince: () => false },
      ).map((p) => p.messageVi),
      ...overrideProblems([
        { date: '2025-13-01', working: true, reason: 'Quyết định 1' },
        { date: '2025-10-04', working: 'yes' as never, reason: '' },
      ]).map((p) => p.messageVi),
    ];
    expect(texts.length).toBeGreaterThan(10);
    expect(findingsOf(texts)).toEqual([]);
  });

  it('names the shipped days off, and dates documents, in Vietnamese', () => {
    const years = [2024, 2025, 2026, 2027, 2031];
    const texts = years.flatMap((y) => {
      const h = vietnamHolidays(y);
      return [...h.daysOff.map((d) => d.nameVi), ...h.workingWeekendDays.map((d) => d.nameVi), ...h.basis, h.toConfirm?.vi ?? ''];
    });
    expect(findingsOf([...texts, documentPlaceAndDate('Lạng Sơn', '2025-01-05')])).toEqual([]);
  });
});

describe('Vietnamese of the notification templates', () => {
  const renderer = new TemplateRenderer(DEFAULT_TEMPLATES_DIRECTORY);
  // Values that are identifiers (a username, codes, links, a file name): not prose to judge.
  const IDENTIFIERS = ['changedBy', 'recipientName', 'indicatorCode', 'programmeCode', 'dashboardUrl', 'downloadUrl', 'fileName', 'formatLabel', 'legalBasis'];
  const vietnamese = (message: { subject: string; text: string }, variables: Record<string, unknown>) => {
    let text = `${message.subject.split(' / ')[0]}\n${message.text.split('\n---\n')[0]}`;
    for (const name of IDENTIFIERS) if (typeof variables[name] === 'string' && variables[name]) text = text.split(variables[name] as string).join('0');
    return text;
  };

  // The variables as the services build them (reminder-planner, notices): each kind of period, each status and export.
  const cases = (): Array<{ name: string; variables: Record<string, unknown> }> => {
    const samples = renderer.samples;
    const forms = ['Báo cáo chuyển đổi số', 'Báo cáo chuyển đổi số quý', 'Báo cáo tháng', 'Báo cáo 6 tháng', 'Báo cáo năm', 'Báo cáo hằng quý'];
    const out: Array<{ name: string; variables: Record<string, unknown> }> = [];
    for (const name of renderer.names()) {
      out.push({ name, variables: samples });
      for (const period of PERIOD_IDS) {
        for (const form of forms) {
          const periodVi = periodLabel(period, 'vi');
          out.push({ name, variables: { ...samples, formNameVi: form, periodVi, reportVi: formWithPeriodVi(form, periodVi), periodEn: periodLabel(period, 'en') } });
        }
      }
      for (const before of STATUSES) for (const after of STATUSES) out.push({ name, variables: { ...samples, statusBeforeVi: targetStatusLabel(before, 'vi'), statusAfterVi: targetStatusLabel(after, 'vi') } });
      for (const kind of ExportJob.Kind.options) for (const completed of [true, false]) out.push({ name, variables: { ...samples, kindVi: ExportJob.KIND_NAMES_VI[kind], completed } });
      const { reportVi: _reportVi, legalBasis: _legalBasis, ...older } = samples;
      out.push({ name, variables: older });
    }
    return out;
  };

  it('render every notice with every kind of period, status and export without an English word or a word said twice', () => {
    const findings = cases().flatMap(({ name, variables }) => findingsOf([vietnamese(renderer.render(name, variables), variables)]).map((f) => `${name}: ${f}`));
    expect([...new Set(findings)]).toEqual([]);
  });

  it('keep the footer of the e-mail layout in Vietnamese words before its English half', () => {
    const footer = renderer.render('digest', renderer.samples).html.match(/<p style="font-size: 10pt[^>]*>([^<]*)<\/p>/)?.[1] ?? '';
    expect(footer).toContain('Thư tự động');
    expect(findingsOf([footer])).toEqual([]);
  });
});
