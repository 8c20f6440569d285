import { periodLabel } from '@dtp/domain';
import { Cell, Column, ExportDocument, fromArray } from '../export-document';
import { CopiedValue, SubmissionCopy } from '../../sources/schemas/submission-copy.schema';
import { BuildContext, displayOf, letterheadOf, unitName, valueCell } from './build-context';

export const SUBMISSION_COLUMNS: Column[] = [
  { key: 'indicator_code', header: 'Mã chỉ tiêu', kind: 'text', width: 16 },
  { key: 'indicator_name', header: 'Tên chỉ tiêu', kind: 'text', width: 40 },
  { key: 'unit_of_measure', header: 'Đơn vị tính', kind: 'text', width: 10 },
  { key: 'value', header: 'Giá trị', kind: 'decimal', width: 12 },
  { key: 'numerator', header: 'Tử số', kind: 'decimal', width: 12 },
  { key: 'denominator', header: 'Mẫu số', kind: 'decimal', width: 12 },
  { key: 'done', header: 'Hoàn thành', kind: 'flag', width: 10 },
];

const STATUS_VI: Record<SubmissionCopy['status'], string> = { submitted: 'Đã gửi', returned: 'Bị trả lại để sửa', approved: 'Đã duyệt' };

/** A ratio's value is worked out for the reader and shown by the indicator's display rule (86.03 %); the parts stay as reported. */
export function valueCells(v: CopiedValue, context: BuildContext): Cell[] {
  const ratio = v.numerator !== undefined && v.denominator ? v.numerator / v.denominator : null;
  return [valueCell(v.value ?? ratio, displayOf(context, v.indicatorCode)), v.numerator ?? null, v.denominator ?? null, v.done ?? null];
}

/** One unit's report for one form and period, as last submitted. */
export function submissionDocument(copy: SubmissionCopy, context: BuildContext): ExportDocument {
  const unit = unitName(context, copy.unitCode);
  const period = periodLabel(copy.period, 'vi');
  return {
    letterhead: letterheadOf(context),
    title: 'BÁO CÁO SỐ LIỆU',
    subtitle: `Biểu mẫu ${copy.formCode} – ${unit} – ${period}`,
    provinceName: context.provinceName,
    lead: [`Số liệu ${unit} báo cáo theo biểu mẫu ${copy.formCode} ${period}, lần ${copy.revision}.`],
    summary: {
      name: 'Thông tin',
      title: 'Thông tin báo cáo',
      columns: [
        { key: 'field', header: 'Thông tin', kind: 'text', width: 24 },
        { key: 'value', header: 'Nội dung', kind: 'text', width: 40 },
      ],
      rows: [
        ['Đơn vị', `${unit} (${copy.unitCode})`],
        ['Biểu mẫu', copy.formCode],
        ['Kỳ báo cáo', period],
        ['Trạng thái', STATUS_VI[copy.status]],
        ['Lần gửi', String(copy.revision)],
        ['Gửi muộn', copy.late ? 'Có' : 'Không'],
      ],
    },
    details: {
      columns: SUBMISSION_COLUMNS,
      groups: [
        {
          name: 'Số liệu',
          title: 'Số liệu báo cáo',
          rows: () =>
            fromArray(copy.values.map((v) => [v.indicatorCode, context.indicators.get(v.indicatorCode)?.nameVi ?? v.indicatorCode, context.indicators.get(v.indicatorCode)?.unitOfMeasure ?? '', ...valueCells(v, context)])),
        },
      ],
    },
    expectedRows: copy.values.length,
    fileName: `Báo cáo ${copy.formCode} ${unit} ${period}`,
  };
}
