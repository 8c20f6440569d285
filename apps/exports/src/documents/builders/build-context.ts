import { Letterhead } from '../export-document';
import { ExportRequest } from '../export-request';
import { IndicatorView, UnitView } from '../../sources/indicators.client';

/** What every builder needs besides its own figures: names of places and indicators, and today. */
export interface BuildContext {
  request: ExportRequest;
  /** YYYY-MM-DD in Vietnam. */
  today: string;
  provinceName: string;
  units: Map<string, UnitView>;
  indicators: Map<string, IndicatorView>;
}

/** The defaults follow the provinces' own reports: the People's Committee and its steering committee. */
export function letterheadOf(context: BuildContext): Letterhead {
  const given = context.request.letterhead ?? {};
  return {
    agencyParent: given.agencyParent ?? `UBND TỈNH ${context.provinceName.toUpperCase()}`,
    agencyName: given.agencyName ?? 'BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ',
    symbol: given.symbol ?? 'BC-BCĐ',
    place: given.place ?? context.provinceName,
    date: context.today,
    recipients: given.recipients ?? ['Thường trực Tỉnh ủy, HĐND, UBND tỉnh (b/c);', 'Thành viên Ban Chỉ đạo;', 'Các sở, ban, ngành; UBND các huyện, thành phố;', 'Lưu: VT.'],
    signature: given.signature ?? { authority: 'TM. BAN CHỈ ĐẠO', title: 'TRƯỞNG BAN', name: '' },
  };
}

export function unitName(context: BuildContext, unitCode: string): string {
  return context.units.get(unitCode)?.name ?? unitCode;
}

const PERCENT_KINDS = new Set(['ratio', 'province-percentage']);

/**
 * Values as people read them in a table: ratios as percentages (0.8603 → 86.03 with "%"), other
 * kinds as they are, with the catalog's unit of measure.
 */
export function scaleOf(context: BuildContext, indicatorCode: string): { factor: number; unit: string } {
  const indicator = context.indicators.get(indicatorCode);
  if (indicator && PERCENT_KINDS.has(indicator.kind)) return { factor: 100, unit: '%' };
  return { factor: 1, unit: indicator?.unitOfMeasure ?? '' };
}

export const scaled = (value: number | null | undefined, factor: number): number | null =>
  value === null || value === undefined ? null : Math.round(value * factor * 1e6) / 1e6;
