import { periodLabel, UNIT_LEVELS, UnitLevel, unitLevelLabel } from '@dtp/domain';
import { Column, ExportDocument, ExportFailure, fromArray } from '../export-document';
import { RankingPage } from '../../sources/indicators.client';
import { BuildContext, displayOf, letterheadOf, unitName, valueCell } from './build-context';

export const RANKING_COLUMNS: Column[] = [
  { key: 'rank', header: 'Thứ hạng', kind: 'integer', width: 9 },
  { key: 'unit_code', header: 'Mã đơn vị', kind: 'text', width: 12 },
  { key: 'unit_name', header: 'Tên đơn vị', kind: 'text', width: 32 },
  { key: 'level', header: 'Cấp', kind: 'text', width: 10 },
  { key: 'value', header: 'Giá trị', kind: 'decimal', width: 12 },
  { key: 'unit_of_measure', header: 'Đơn vị tính', kind: 'text', width: 10 },
];

/** A unit's level as a table shows it: "Xã", "Huyện" (libs/domain's names, capitalised). */
export function levelName(level: string | undefined): string {
  if (!level) return '';
  const name = UNIT_LEVELS.includes(level as UnitLevel) ? unitLevelLabel(level as UnitLevel, 'vi') : level;
  return name.charAt(0).toLocaleUpperCase('vi') + name.slice(1);
}

/** Units ranked on one indicator; equal values share a rank. */
export function rankingDocument(ranking: RankingPage, context: BuildContext): ExportDocument {
  if (ranking.items.every((i) => i.value === null)) {
    throw new ExportFailure(`no unit has a value of ${ranking.indicatorCode} for ${ranking.period}`, `chưa đơn vị nào có số liệu ${ranking.indicatorCode} cho ${periodLabel(ranking.period, 'vi')}`);
  }
  const display = displayOf(context, ranking.indicatorCode);
  const indicatorName = context.indicators.get(ranking.indicatorCode)?.nameVi ?? ranking.indicatorCode;
  const period = periodLabel(ranking.period, 'vi');
  return {
    letterhead: letterheadOf(context),
    title: 'BẢNG XẾP HẠNG',
    subtitle: `${indicatorName} – ${period}`,
    provinceName: context.provinceName,
    lead: [`Xếp hạng ${ranking.total} đơn vị của tỉnh ${context.provinceName} theo chỉ tiêu "${indicatorName}" ${period} (${ranking.direction === 'lower-is-better' ? 'giá trị càng thấp càng tốt' : 'giá trị càng cao càng tốt'}).`],
    details: {
      columns: RANKING_COLUMNS,
      groups: [
        {
          name: 'Xếp hạng',
          title: 'Xếp hạng các đơn vị',
          rows: () => fromArray(ranking.items.map((i) => [i.rank, i.unitCode, unitName(context, i.unitCode), levelName(context.units.get(i.unitCode)?.level), valueCell(i.value, display), display.unit])),
        },
      ],
    },
    expectedRows: ranking.items.length,
    fileName: `Xếp hạng ${indicatorName} ${period}`,
  };
}
