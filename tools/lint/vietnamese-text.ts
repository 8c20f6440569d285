import type { ExportJob, ReportSubmission } from '@dtp/contracts';
import type {
  Comparison,
  DayOffKind,
  Direction,
  IndicatorKind,
  LifecycleActor,
  MilestoneAggregation,
  PeriodType,
  Progress,
  ReminderKind,
  SubmissionAction,
  SubmissionStatus,
  TargetScope,
  TargetStatus,
  UnitLevel,
} from '@dtp/domain';
import type { OfficialRole } from '@dtp/platform';
import type { ExportStatus } from '../../apps/exports/src/jobs/schemas/export-job.schema';
import type { ObligationStatus } from '../../apps/notifications/src/calendar/schemas/obligation.schema';
import type { DeliveryState, NoticeKind } from '../../apps/notifications/src/deliveries/schemas/delivery.schema';

/**
 * What Vietnamese text must not contain: the platform's own codes (a kind, a status, a level…)
 * and the English words its messages are written in. Earlier defects were exactly these ("theo
 * kỳ month", English text in messageVi), so the list is the codebase's vocabulary, not a
 * dictionary: many Vietnamese words carry no diacritics ("tin", "an", "to", "do", "in", "con"),
 * and a dictionary would flag them.
 *
 * Each enum is a Record over its type, so a new code fails the typecheck until it is listed here.
 */
const all = <T extends string>(codes: Record<T, true>): T[] => Object.keys(codes) as T[];

export const PLATFORM_CODES: readonly string[] = [
  ...all<PeriodType>({ year: true, 'nine-months': true, 'half-year': true, quarter: true, month: true, range: true }),
  ...all<UnitLevel>({ province: true, department: true, district: true, commune: true }),
  ...all<TargetScope>({ province: true, department: true, district: true, commune: true, units: true, 'every-level': true }),
  ...all<TargetStatus>({ achieved: true, 'not-achieved': true, 'not-measurable': true }),
  ...all<Progress>({ 'on-track': true, 'at-risk': true }),
  ...all<Comparison>({ 'at-least': true, 'at-most': true, done: true }),
  ...all<IndicatorKind>({ count: true, ratio: true, 'province-percentage': true, rank: true, milestone: true, index: true }),
  ...all<Direction>({ 'higher-is-better': true, 'lower-is-better': true }),
  ...all<MilestoneAggregation>({ all: true, any: true, count: true }),
  ...all<SubmissionStatus>({ draft: true, submitted: true, returned: true, approved: true }),
  ...all<SubmissionAction>({ 'save-draft': true, submit: true, return: true, approve: true, correct: true }),
  ...all<ReportSubmission.Kind>({ submitted: true, revised: true, returned: true, approved: true }),
  ...all<LifecycleActor>({ unit: true, reviewer: true }),
  ...all<OfficialRole>({ admin: true, reviewer: true, 'unit-officer': true, 'national-admin': true }),
  ...all<ReminderKind>({ before: true, 'on-deadline': true, overdue: true, escalation: true }),
  ...all<ObligationStatus>({ open: true, submitted: true, returned: true, approved: true }),
  ...all<DeliveryState>({ scheduled: true, sent: true, cancelled: true, failed: true }),
  ...all<NoticeKind>({
    'reminder-before': true,
    'reminder-on-deadline': true,
    'reminder-overdue': true,
    escalation: true,
    digest: true,
    'manual-reminder': true,
    'report-returned': true,
    'report-approved': true,
    'target-status-changed': true,
    'export-finished': true,
  }),
  ...all<ExportJob.Kind>({ scorecard: true, ranking: true, 'reporting-rates': true, submission: true, 'raw-values': true }),
  ...all<ExportStatus>({ queued: true, running: true, completed: true, failed: true, expired: true }),
  ...all<DayOffKind>({ holiday: true, compensating: true, swapped: true }),
];

/**
 * English words of this codebase's messages (the `message`/`detail` halves) that are not also
 * Vietnamese words: "to", "an", "do", "in", "on", "no", "con" are left out on purpose.
 */
export const ENGLISH_WORDS: readonly string[] = [
  'the', 'of', 'and', 'or', 'is', 'are', 'not', 'for', 'with', 'must', 'should', 'has', 'have', 'been', 'was', 'this',
  'that', 'only', 'none', 'yes', 'at', 'by', 'from', 'into', 'per', 'its', 'their', 'your', 'please', 'give', 'send',
  'report', 'reports', 'reported', 'reporting', 'form', 'forms', 'period', 'periods', 'value', 'values', 'target',
  'targets', 'indicator', 'indicators', 'deadline', 'due', 'late', 'pending', 'working', 'days', 'day', 'file', 'files',
  'export', 'exports', 'error', 'invalid', 'required', 'missing', 'unknown', 'forbidden', 'status', 'level', 'kind',
  'type', 'role', 'half', 'nine', 'months', 'track', 'risk', 'least', 'most', 'higher', 'lower', 'better', 'every',
  'raw', 'percentage', 'officer', 'reminder', 'deadline', 'programme', 'pillar', 'scope', 'reviewed', 'unit', 'units',
];

/** Every code and each word of a hyphenated code ("not-achieved" → "not", "achieved"), lower case. */
export const FORBIDDEN_IN_VIETNAMESE: ReadonlySet<string> = new Set(
  [...PLATFORM_CODES, ...PLATFORM_CODES.flatMap((c) => c.split('-')), ...ENGLISH_WORDS].filter((w) => !['to', 'on', 'an', 'do', 'in'].includes(w)),
);

export interface TextFinding {
  kind: 'english' | 'repeated';
  word: string;
  text: string;
}

// Letters that exist only in Vietnamese among the scripts this codebase writes.
export const VIETNAMESE_LETTER = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/i;

/**
 * A bilingual line ("Mã chỉ tiêu / Code", "[Đã duyệt] … / Approved: …") keeps its Vietnamese
 * half only; a line with no Vietnamese letter at all is kept whole (it may be all codes).
 */
export function vietnameseHalf(text: string): string {
  const parts = text.split(' / ');
  if (parts.length === 1 || !VIETNAMESE_LETTER.test(text)) return text;
  return parts.filter((p) => VIETNAMESE_LETTER.test(p)).join(' / ');
}

/** "quý quý IV", "kỳ kỳ", "ngày ngày": the same word twice in a row, whatever its case. */
export function repeatedWords(text: string): string[] {
  // Only words one space apart: punctuation between them ("hằng quý – quý IV", "quý, quý") is a pause,
  // and a number is a word too ("tháng 9 tháng").
  const tokens = text.split(/\s+/).filter(Boolean);
  const repeated: string[] = [];
  for (let i = 1; i < tokens.length; i += 1) {
    const a = (tokens[i - 1] ?? '').replace(/^[("“[]+/u, '');
    const b = (tokens[i] ?? '').replace(/[)"”\].,;:!?]+$/u, '');
    if (!/^[\p{L}\p{N}]+$/u.test(a) || !/^[\p{L}\p{N}]+$/u.test(b) || !/\p{L}/u.test(b)) continue;
    if (a.toLocaleLowerCase('vi') === b.toLocaleLowerCase('vi')) repeated.push(`${a} ${b}`);
  }
  return repeated;
}

/**
 * The English words and platform codes in a Vietnamese text. What is quoted ("…", `…`), part of
 * a path, URL, field or assignment (`values[0].numerator:`, `from=2022`, `/api/v1`) or all
 * capitals (API, CSV, UBND) is an identifier the reader types, not prose, and is not looked at.
 */
export function englishWords(text: string): string[] {
  const prose = text.replace(/"[^"]*"|“[^”]*”|`[^`]*`|https?:\/\/\S+/g, ' ');
  const found: string[] = [];
  for (const match of prose.matchAll(/[A-Za-z]+(?:-[A-Za-z]+)*/g)) {
    const word = match[0];
    const before = prose[match.index - 1] ?? ' ';
    const after = prose[match.index + word.length] ?? ' ';
    // Inside an identifier, a path or an assignment, or naming a field before its colon ("values: …").
    if (/[\p{L}\p{N}_./[=@-]/u.test(before) || /[\p{L}\p{N}_/[\]=@:]/u.test(after)) continue;
    if (after === '.' && /[\p{L}\p{N}_[]/u.test(prose[match.index + word.length + 1] ?? '')) continue;
    if (word === word.toUpperCase()) continue;
    // Named as what it is: "trường working", "tham số from", "cột scope".
    if (/(trường|tham số|cột)\s+$/u.test(prose.slice(0, match.index))) continue;
    const lower = word.toLowerCase();
    if (FORBIDDEN_IN_VIETNAMESE.has(lower) || lower.split('-').every((part) => FORBIDDEN_IN_VIETNAMESE.has(part))) found.push(word);
  }
  return found;
}

/** Everything wrong with one Vietnamese text, for a test to list. */
export function vietnameseTextFindings(text: string): TextFinding[] {
  const vi = vietnameseHalf(text);
  return [...englishWords(vi).map((word) => ({ kind: 'english' as const, word, text })), ...repeatedWords(vi).map((word) => ({ kind: 'repeated' as const, word, text }))];
}
