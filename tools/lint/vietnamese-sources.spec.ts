import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ExportJob } from '@dtp/contracts';
import { formatPeriodId, PeriodType, periodLabel, periodTypeLabel, submissionStatusLabel, targetStatusLabel, UNIT_LEVELS, unitLevelLabel } from '@dtp/domain';
import { OFFICIAL_ROLES, rolesInVietnamese } from '@dtp/platform';
import { EXPORT_STATUS_NAMES_VI } from '../../apps/exports/src/jobs/schemas/export-job.schema';
import { englishGivenAsVietnamese, VietnameseLiteral, vietnameseLiterals } from './vietnamese-sources';
import { englishWords, repeatedWords, vietnameseHalf } from './vietnamese-text';

/**
 * Every Vietnamese string literal of apps/ and libs/ (messageVi, detailVi, `vi:`, refusals'
 * Vietnamese argument, nameVi, document texts…): no English word or platform code in it, no code
 * interpolated into it, no word said twice where a literal meets a label ("kỳ ${periodLabel}").
 */
describe('Vietnamese text in the sources', () => {
  const root = path.resolve(__dirname, '../..');
  const literals = vietnameseLiterals(root);
  const where = (l: VietnameseLiteral) => `${l.file}:${l.line}  ${l.text}`;

  /**
   * Identifiers the reader types, written bare in a sentence about them. Each entry: file, the
   * words, and why they stay.
   */
  const ALLOWED: Array<{ file: string; words: string[]; why: string }> = [
    { file: 'apps/indicators/src/programmes/targets-csv.ts', words: ['at-least', 'at-most', 'done'], why: 'the values the CSV column "comparison" takes' },
    { file: 'apps/reports/src/forms/forms.service.ts', words: ['all', 'any', 'count'], why: 'the values of milestoneAggregation the form definition takes' },
  ];
  const allowed = (file: string, word: string) => ALLOWED.some((a) => a.file === file && a.words.includes(word));

  // Properties that hold a code, never words: interpolated bare into Vietnamese, they print "approved", "commune", "month".
  const CODE_PROPERTIES = new Set(['status', 'kind', 'level', 'type', 'periodType', 'direction', 'comparison', 'actor', 'role', 'roles', 'approvers', 'action', 'state', 'channel', 'reporter']);
  // An HTTP status is a number, not a code in words.
  const NUMBERS = new Set(['response.status']);
  const codeProperty = (expression: string) => {
    const base = expression.replace(/\.(join|replaceAll|toUpperCase|toLowerCase|trim)\([^)]*\)$/, '').trim();
    return /^[\w.?!]+$/.test(base) ? (base.split(/[.?!]+/).at(-1) ?? '') : '';
  };

  const englishIn = (l: VietnameseLiteral) => englishWords(vietnameseHalf(l.pieces.join(' '))).filter((w) => !allowed(l.file, w));

  it('finds the Vietnamese texts: refusals, field problems, labels, documents', () => {
    const files = new Set(literals.map((l) => l.file));
    for (const file of ['libs/platform/src/errors/validation-problem.ts', 'libs/domain/src/periods/period-label.ts', 'apps/exports/src/documents/builders/scorecard.document.ts', 'apps/reports/src/submissions/submissions.service.ts']) {
      expect(files).toContain(file);
    }
    expect(literals.length).toBeGreaterThan(300);
    // The English half of a pair is not taken for Vietnamese because it quotes "Có" or "Không".
    expect(literals.map((l) => l.text)).not.toContain('${indicator.code}: write Có or Không');
    expect(literals.map((l) => l.text)).toContain('${indicator.code}: ghi Có hoặc Không');
  });

  it('hold no English word and no platform code', () => {
    expect(literals.filter((l) => englishIn(l).length > 0).map((l) => `${where(l)}  →  ${englishIn(l).join(', ')}`)).toEqual([]);
  });

  it('interpolate no code (a status, kind, level, role…) into a sentence: labels say it in words', () => {
    const codes = literals.flatMap((l) =>
      l.interpolations
        .map((expression, i) => ({ expression, quoted: /["“]$/.test(l.pieces[i]!) && /^["”]/.test(l.pieces[i + 1]!) }))
        .filter((x) => !x.quoted && !NUMBERS.has(x.expression) && CODE_PROPERTIES.has(codeProperty(x.expression)))
        .map((x) => `${where(l)}  →  \${${x.expression}}`),
    );
    expect(codes).toEqual([]);
  });

  it('say no word twice in a row, within a literal or where it meets a label', () => {
    const periods = (['year', 'nine-months', 'half-year', 'quarter', 'month'] as PeriodType[]).flatMap((type) => ({ year: ['2025'], 'nine-months': ['2025N9'], 'half-year': ['2025S1', '2025S2'], quarter: ['2025Q1', '2025Q4'], month: ['202501', '202512'] })[type as 'year']);
    const outputs: Array<{ call: RegExp; texts: string[] }> = [
      { call: /^periodLabel\(/, texts: [...periods.map((p) => periodLabel(p, 'vi')), periodLabel('20250101_20250331', 'vi')] },
      { call: /^periodTypeLabel\(/, texts: (['year', 'nine-months', 'half-year', 'quarter', 'month', 'range'] as PeriodType[]).map((t) => periodTypeLabel(t, 'vi')) },
      { call: /^unitLevelLabel\(/, texts: UNIT_LEVELS.map((l) => unitLevelLabel(l, 'vi')) },
      { call: /^targetStatusLabel\(/, texts: (['achieved', 'not-achieved', 'not-measurable'] as const).map((s) => targetStatusLabel(s, 'vi')) },
      { call: /^submissionStatusLabel\(/, texts: (['draft', 'submitted', 'returned', 'approved'] as const).map((s) => submissionStatusLabel(s, 'vi')) },
      { call: /^rolesInVietnamese\(/, texts: OFFICIAL_ROLES.map((r) => rolesInVietnamese([r])) },
      { call: /KIND_NAMES_VI\[/, texts: Object.values(ExportJob.KIND_NAMES_VI) },
      { call: /^EXPORT_STATUS_NAMES_VI\[/, texts: Object.values(EXPORT_STATUS_NAMES_VI) },
    ];
    const words = (text: string) => text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    const lower = (w: string | undefined) => w?.toLocaleLowerCase('vi');
    const sources = new Map<string, string>();
    // `const period = periodLabel(…)` makes `${period}` a period label too.
    const labelOf = (l: VietnameseLiteral, expression: string) => {
      const direct = outputs.find((o) => o.call.test(expression));
      if (direct || !/^\w+$/.test(expression)) return direct;
      const source = sources.get(l.file) ?? readFileSync(path.join(root, l.file), 'utf8');
      sources.set(l.file, source);
      const assigned = new RegExp(`const ${expression} = ([^;\\n]+)`).exec(source)?.[1];
      return assigned ? outputs.find((o) => o.call.test(assigned)) : undefined;
    };
    const findings: string[] = [];
    for (const l of literals) {
      for (const piece of l.pieces) for (const r of repeatedWords(vietnameseHalf(piece))) findings.push(`${where(l)}  →  ${r}`);
      l.interpolations.forEach((expression, i) => {
        const label = labelOf(l, expression);
        if (!label) return;
        const before = lower(words(l.pieces[i]!).at(-1));
        const after = lower(words(l.pieces[i + 1]!)[0]);
        for (const text of label.texts) {
          if (/\s$/.test(l.pieces[i]!) && before !== undefined && before === lower(words(text)[0])) findings.push(`${where(l)}  →  "${before} ${text}"`);
          if (/^\s/.test(l.pieces[i + 1]!) && after !== undefined && after === lower(words(text).at(-1))) findings.push(`${where(l)}  →  "${text} ${after}"`);
        }
      });
    }
    expect(findings).toEqual([]);
    expect(formatPeriodId({ type: 'quarter', year: 2025, index: 4 })).toBe('2025Q4');
  });

  it('hand no English text (a `message`, `detail`, `reason`) over as the Vietnamese one', () => {
    // The province writes a day off's reason itself, in Vietnamese ("Quyết định số 1234/QĐ-UBND…"): it is the day's name.
    const provinceWords = (f: string) => f.startsWith('libs/domain/src/calendar/vietnam-holidays.ts:') && f.endsWith('← o.reason');
    const found = englishGivenAsVietnamese(root);
    expect(found.filter(provinceWords)).toHaveLength(2);
    expect(found.filter((f) => !provinceWords(f))).toEqual([]);
  });

  it('has an allow-list that still matches the sources (an entry nothing needs is removed)', () => {
    const vi = JSON.parse(readFileSync(path.join(root, 'apps/dashboard/web/src/i18n/vi.json'), 'utf8')) as Record<string, string>;
    for (const entry of ALLOWED) {
      const texts = entry.file.endsWith('.json') ? Object.values(vi) : literals.filter((l) => l.file === entry.file).map((l) => vietnameseHalf(l.pieces.join(' ')));
      for (const word of entry.words) expect({ entry: entry.file, word, used: texts.some((t) => englishWords(t).includes(word)) }).toEqual({ entry: entry.file, word, used: true });
    }
  });

  it('dashboard strings in Vietnamese hold no English word and say no word twice', () => {
    const vi = JSON.parse(readFileSync(path.join(root, 'apps/dashboard/web/src/i18n/vi.json'), 'utf8')) as Record<string, string>;
    const file = 'apps/dashboard/web/src/i18n/vi.json';
    const findings = Object.entries(vi).flatMap(([key, text]) => [...englishWords(text.replace(/\{\w+\}/g, ' ')).filter((w) => !allowed(file, w)), ...repeatedWords(text)].map((w) => `${key}: ${text}  →  ${w}`));
    expect(findings).toEqual([]);
  });
});
