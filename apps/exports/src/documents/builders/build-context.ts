import { displayedValue, ValueDisplay, valueDisplayOf } from '@dtp/domain';
import { Cell, Letterhead } from '../export-document';
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
    recipients: given.recipients ?? ['Thường trực Tỉnh ủy, HĐND, UBND tỉnh (b/c);', 'Thành viên Ban Chỉ đạo;', `Các sở, ban, ngành; ${localCommitteesOn(context)};`, 'Lưu: VT.'],
    signature: given.signature ?? { authority: 'TM. BAN CHỈ ĐẠO', title: 'TRƯỞNG BAN', name: '' },
  };
}

/**
 * The local People's Committees a document is sent to, as the province stands on its date: its
 * districts while it has them, its communes and wards once districts were abolished (1/7/2025).
 */
function localCommitteesOn(context: BuildContext): string {
  const validOn = (u: UnitView) => (!u.validFrom || u.validFrom <= context.today) && (!u.validTo || context.today <= u.validTo);
  const hasDistricts = [...context.units.values()].some((u) => u.level === 'district' && validOn(u) && isInProvince(context, u));
  return hasDistricts ? 'UBND các huyện, thành phố' : 'UBND các xã, phường';
}

function isInProvince(context: BuildContext, unit: UnitView): boolean {
  return unit.parents.some((p) => p.parentId === context.request.provinceCode);
}

export function unitName(context: BuildContext, unitCode: string): string {
  return context.units.get(unitCode)?.name ?? unitCode;
}

/**
 * Values as people read them, by the indicator's kind (libs/domain valueDisplayOf, the rule the
 * dashboard follows too): a ratio as a percentage (0.8603 → 86.03 "%"), a province-level
 * percentage as entered (12.52 "%"), counts, ranks and milestones as whole numbers.
 */
export function displayOf(context: BuildContext, indicatorCode: string): ValueDisplay {
  // Once per indicator and export: a province-year of raw values asks a hundred thousand times.
  const known = displays.get(context) ?? new Map<string, ValueDisplay>();
  displays.set(context, known);
  let display = known.get(indicatorCode);
  if (!display) {
    display = valueDisplayOf(context.indicators.get(indicatorCode) as Parameters<typeof valueDisplayOf>[0]);
    known.set(indicatorCode, display);
  }
  return display;
}

const displays = new WeakMap<BuildContext, Map<string, ValueDisplay>>();

/**
 * A value of an indicator as a cell of a column of decimals: scaled, and marked as a whole number
 * where the kind is one (a plain number otherwise, nothing more to allocate per row).
 */
export function valueCell(value: number | null | undefined, display: ValueDisplay): Cell {
  const number = displayedValue(value, display);
  return display.decimals === 0 ? { number, kind: 'integer' } : number;
}
