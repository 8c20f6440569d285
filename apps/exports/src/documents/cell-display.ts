import { formatViDate, formatViNumber, formatViPercent, isSubmissionStatus, submissionStatusLabel, TargetStatus, targetStatusLabel } from '@dtp/domain';
import { Cell, CellKind } from './export-document';

/** How a cell reads on paper (PDF, Word): vi-VN numbers and dates, status in words. */
export function displayCell(kind: CellKind, value: Cell): string {
  if (value === null || value === '') return '–';
  if (typeof value === 'boolean') return value ? 'Có' : 'Không';
  switch (kind) {
    case 'integer':
      return typeof value === 'number' ? formatViNumber(value, 0) : String(value);
    case 'decimal':
      return typeof value === 'number' ? formatViNumber(value) : String(value);
    case 'percent':
      return typeof value === 'number' ? formatViPercent(value) : String(value);
    case 'status':
      return statusWord(value);
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? formatViDate(value.slice(0, 10)) : String(value);
    case 'text':
    case 'flag':
      return String(value);
  }
}

/**
 * A status cell in words for people (Excel, Word, PDF): a target's or a report's; CSV keeps the
 * code for machines. Anything else as it is.
 */
export function statusWord(value: Cell): string {
  if (isStatus(value)) return targetStatusLabel(value, 'vi');
  if (isSubmissionStatus(value)) return submissionStatusLabel(value, 'vi');
  return String(value);
}

export function isStatus(value: Cell): value is TargetStatus {
  return value === 'achieved' || value === 'not-achieved' || value === 'not-measurable';
}

/**
 * Fill and text colours of a status (Excel's "good / bad / neutral" styles): each pair keeps a
 * contrast above 4.5:1, so the word stays readable for people who do not see the colour.
 */
export const STATUS_COLOURS: Record<TargetStatus, { fill: string; text: string }> = {
  achieved: { fill: 'C6EFCE', text: '006100' },
  'not-achieved': { fill: 'FFC7CE', text: '9C0006' },
  'not-measurable': { fill: 'EDEDED', text: '3F3F3F' },
};
