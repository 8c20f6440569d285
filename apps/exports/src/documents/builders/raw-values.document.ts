import { Cell, Column, ExportDocument } from '../export-document';
import { CopyFilter } from '../../sources/submission-copies.service';
import { SubmissionCopy } from '../../sources/schemas/submission-copy.schema';
import { BuildContext, letterheadOf, unitName } from './build-context';
import { levelName } from './ranking.document';
import { valueCells } from './submission.document';

export const RAW_VALUES_COLUMNS: Column[] = [
  { key: 'unit_code', header: 'Mã đơn vị', kind: 'text', width: 10 },
  { key: 'unit_name', header: 'Tên đơn vị', kind: 'text', width: 24 },
  { key: 'level', header: 'Cấp', kind: 'text', width: 8 },
  { key: 'form_code', header: 'Biểu mẫu', kind: 'text', width: 10 },
  { key: 'period', header: 'Kỳ', kind: 'text', width: 9 },
  { key: 'indicator_code', header: 'Mã chỉ tiêu', kind: 'text', width: 16 },
  { key: 'indicator_name', header: 'Tên chỉ tiêu', kind: 'text', width: 32 },
  { key: 'value', header: 'Giá trị', kind: 'decimal', width: 12 },
  { key: 'numerator', header: 'Tử số', kind: 'decimal', width: 11 },
  { key: 'denominator', header: 'Mẫu số', kind: 'decimal', width: 11 },
  { key: 'done', header: 'Hoàn thành', kind: 'flag', width: 9 },
  { key: 'status', header: 'Trạng thái', kind: 'status', width: 10 },
  { key: 'late', header: 'Gửi muộn', kind: 'flag', width: 8 },
  { key: 'revision', header: 'Lần gửi', kind: 'integer', width: 7 },
  { key: 'changed_at', header: 'Cập nhật', kind: 'date', width: 11 },
];

/**
 * Every value every unit reported in a year: one row per unit, form, period and indicator,
 * read from a cursor as the file is written.
 */
export function rawValuesDocument(filter: CopyFilter, expectedRows: number, copies: () => AsyncIterable<SubmissionCopy>, context: BuildContext): ExportDocument {
  async function* rows(): AsyncIterable<Cell[]> {
    for await (const copy of copies()) {
      const unit = context.units.get(copy.unitCode);
      for (const v of copy.values) {
        yield [
          copy.unitCode,
          unit?.name ?? copy.unitCode,
          levelName(unit?.level),
          copy.formCode,
          copy.period,
          v.indicatorCode,
          context.indicators.get(v.indicatorCode)?.nameVi ?? v.indicatorCode,
          ...valueCells(v, context),
          copy.status,
          copy.late,
          copy.revision,
          new Date(copy.changedAt).toISOString(),
        ];
      }
    }
  }
  const scope = filter.formCode ? `biểu mẫu ${filter.formCode}, ` : '';
  return {
    letterhead: letterheadOf(context),
    title: 'SỐ LIỆU BÁO CÁO',
    subtitle: `${scope}tỉnh ${context.provinceName}, năm ${filter.year}`,
    provinceName: context.provinceName,
    lead: [`Toàn bộ số liệu các đơn vị đã báo cáo năm ${filter.year}${filter.unitCodes?.length ? ` của ${filter.unitCodes.map((u) => unitName(context, u)).join(', ')}` : ''}, theo lần gửi mới nhất.`],
    details: { columns: RAW_VALUES_COLUMNS, groups: [{ name: 'Số liệu', title: 'Số liệu chi tiết', rows }] },
    expectedRows,
    fileName: `Số liệu báo cáo ${scope}tỉnh ${context.provinceName} năm ${filter.year}`,
  };
}
