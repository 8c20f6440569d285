import { comparisonLabel, periodLabel, progressLabel } from '@dtp/domain';
import { Cell, Column, ExportDocument, ExportFailure, fromArray } from '../export-document';
import { ScorecardView } from '../../sources/indicators.client';
import { BuildContext, displayOf, letterheadOf, unitName, valueCell } from './build-context';

export const SCORECARD_COLUMNS: Column[] = [
  { key: 'pillar', header: 'Trụ cột', kind: 'text', width: 18 },
  { key: 'indicator_code', header: 'Mã chỉ tiêu', kind: 'text', width: 16 },
  { key: 'indicator_name', header: 'Tên chỉ tiêu', kind: 'text', width: 40 },
  { key: 'unit_of_measure', header: 'Đơn vị tính', kind: 'text', width: 9 },
  { key: 'comparison', header: 'Yêu cầu', kind: 'text', width: 10 },
  { key: 'target', header: 'Chỉ tiêu', kind: 'decimal', width: 10 },
  { key: 'actual', header: 'Thực hiện', kind: 'decimal', width: 10 },
  { key: 'gap', header: 'Chênh lệch', kind: 'decimal', width: 10 },
  { key: 'status', header: 'Đánh giá', kind: 'status', width: 14 },
  { key: 'progress', header: 'Tiến độ', kind: 'text', width: 14 },
  { key: 'change', header: 'Thay đổi so với kỳ trước', kind: 'decimal', width: 12 },
];

const SUMMARY_COLUMNS: Column[] = [
  { key: 'pillar', header: 'Trụ cột', kind: 'text', width: 30 },
  { key: 'achieved', header: 'Đạt', kind: 'integer', width: 10 },
  { key: 'not_achieved', header: 'Không đạt', kind: 'integer', width: 12 },
  { key: 'not_measurable', header: 'Không đánh giá được', kind: 'integer', width: 14 },
  { key: 'at_risk', header: 'Có nguy cơ không đạt', kind: 'integer', width: 14 },
  { key: 'total', header: 'Tổng số chỉ tiêu', kind: 'integer', width: 12 },
  { key: 'ratio', header: 'Tỷ lệ đạt', kind: 'text', width: 10 },
];

/** A programme's scorecard: the pillars summed up, then one table (sheet) per pillar. */
export function scorecardDocument(view: ScorecardView, context: BuildContext): ExportDocument {
  // A unit the programme sets no targets for is said to have none, in the service's words, never scored on others'.
  if (view.note && view.targets.length === 0) throw new ExportFailure(view.note.en, view.note.vi);
  if (view.targets.length === 0) throw new ExportFailure(`programme ${view.programmeCode} has no targets for ${view.period}`, `chương trình ${view.programmeCode} không có chỉ tiêu cho kỳ ${view.period}`);
  if (view.targets.every((t) => t.actual === null)) {
    throw new ExportFailure(`no figures have been reported for ${view.period}: nothing to export`, `chưa có số liệu nào được báo cáo cho ${periodLabel(view.period, 'vi')}: không có gì để xuất`);
  }
  const place = unitName(context, view.unitCode);
  const pillarName = new Map(view.pillars.map((p) => [p.pillar, p.nameVi]));
  const rowOf = (t: ScorecardView['targets'][number]): Cell[] => {
    const display = displayOf(context, t.indicatorCode);
    return [
      pillarName.get(t.pillar) ?? t.pillar,
      t.indicatorCode,
      context.indicators.get(t.indicatorCode)?.nameVi ?? t.indicatorCode,
      t.comparison === 'done' ? '' : display.unit,
      comparisonLabel(t.comparison, 'vi'),
      valueCell(t.target, display),
      valueCell(t.actual, display),
      valueCell(t.gap, display),
      t.status,
      t.progress ? progressLabel(t.progress, 'vi') : null,
      valueCell(t.change, display),
    ];
  };
  const period = periodLabel(view.period, 'vi');
  return {
    letterhead: letterheadOf(context),
    title: 'BÁO CÁO',
    subtitle: `Kết quả thực hiện các chỉ tiêu ${view.programmeNameVi} ${period} – ${place}`,
    provinceName: context.provinceName,
    // A figure awaiting approval (or a correction's approval) must not pass for final in a signed report.
    lead: [`Tính đến ${period}, ${place} có ${view.summary.vi}.`, ...(view.provisionalNote ? [`Lưu ý: ${view.provisionalNote.vi}.`] : [])],
    summary: {
      name: 'Tổng hợp',
      title: 'Tổng hợp kết quả theo trụ cột',
      columns: SUMMARY_COLUMNS,
      rows: [
        ...view.pillars.map((p) => [p.nameVi, p.counts.achieved, p.counts.notAchieved, p.counts.notMeasurable, p.counts.atRisk, p.counts.total, p.summary.ratio]),
        ['Tổng cộng', view.overall.achieved, view.overall.notAchieved, view.overall.notMeasurable, view.overall.atRisk, view.overall.total, view.summary.ratio],
      ],
    },
    details: {
      columns: SCORECARD_COLUMNS,
      groups: view.pillars.map((p, i) => ({
        name: p.nameVi,
        title: `${i + 1}. ${p.nameVi} (${p.summary.ratio})`,
        rows: () => fromArray(view.targets.filter((t) => t.pillar === p.pillar).map(rowOf)),
      })),
    },
    expectedRows: view.targets.length,
    fileName: `Bảng điểm ${view.programmeNameVi} ${period} – ${place}`,
  };
}
