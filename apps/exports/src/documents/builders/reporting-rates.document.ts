import { periodLabel } from '@dtp/domain';
import { Column, ExportDocument, ExportFailure, fromArray } from '../export-document';
import { ReportingRatesView } from '../../sources/indicators.client';
import { BuildContext, letterheadOf } from './build-context';
import { levelName } from './ranking.document';

export const REPORTING_RATES_COLUMNS: Column[] = [
  { key: 'unit_code', header: 'Mã đơn vị', kind: 'text', width: 12 },
  { key: 'unit_name', header: 'Tên đơn vị', kind: 'text', width: 32 },
  { key: 'level', header: 'Cấp', kind: 'text', width: 10 },
  { key: 'received', header: 'Đã gửi báo cáo', kind: 'flag', width: 12 },
  { key: 'on_time', header: 'Đúng hạn', kind: 'flag', width: 12 },
];

const SUMMARY_COLUMNS: Column[] = [
  { key: 'level', header: 'Cấp', kind: 'text', width: 16 },
  { key: 'expected', header: 'Số đơn vị phải báo cáo', kind: 'integer', width: 14 },
  { key: 'received', header: 'Đã gửi', kind: 'integer', width: 10 },
  { key: 'on_time', header: 'Đúng hạn', kind: 'integer', width: 10 },
  { key: 'completeness', header: 'Tỷ lệ gửi', kind: 'percent', width: 12 },
  { key: 'timeliness', header: 'Tỷ lệ đúng hạn', kind: 'percent', width: 12 },
];

/** Who owed a form for a period, who sent it and who sent it on time. */
export function reportingRatesDocument(rates: ReportingRatesView, context: BuildContext): ExportDocument {
  if (rates.province.expected === 0) {
    throw new ExportFailure(`no unit owed form ${rates.formCode} for ${rates.period}`, `không có đơn vị nào phải gửi biểu mẫu ${rates.formCode} cho ${periodLabel(rates.period, 'vi')}`);
  }
  const period = periodLabel(rates.period, 'vi');
  const p = rates.province;
  return {
    letterhead: letterheadOf(context),
    title: 'BÁO CÁO',
    subtitle: `Tình hình gửi báo cáo theo biểu mẫu ${rates.formCode} ${period}`,
    provinceName: context.provinceName,
    lead: [`Đến ngày chốt số liệu, ${p.received}/${p.expected} đơn vị đã gửi báo cáo, trong đó ${p.onTime} đơn vị gửi đúng hạn.`],
    summary: {
      name: 'Tổng hợp',
      title: 'Tỷ lệ gửi báo cáo theo cấp',
      columns: SUMMARY_COLUMNS,
      rows: [
        ...rates.levels.map((l) => [levelName(l.level), l.expected, l.received, l.onTime, l.completeness, l.timeliness]),
        ['Toàn tỉnh', p.expected, p.received, p.onTime, p.completeness, p.timeliness],
      ],
    },
    details: {
      columns: REPORTING_RATES_COLUMNS,
      groups: [{ name: 'Đơn vị', title: 'Tình hình gửi báo cáo của từng đơn vị', rows: () => fromArray(rates.units.map((u) => [u.unitCode, u.name, levelName(u.level), u.received, u.received ? u.onTime : null])) }],
    },
    expectedRows: rates.units.length,
    fileName: `Tình hình gửi báo cáo ${rates.formCode} ${period}`,
  };
}
