import { LocalDate } from '../calendar/local-date';

/**
 * An organisation unit: the province, a department, a district-level or commune-level unit.
 * The map changes (communes merged on 1/12/2024; the district level abolished on 1/7/2025), so a
 * unit has a validity interval, a parent for each part of it, and successor links saying where
 * its data goes once it ends. Dates are inclusive; an open end is `undefined`.
 */
export type UnitLevel = 'province' | 'department' | 'district' | 'commune';

export const UNIT_LEVELS: readonly UnitLevel[] = ['province', 'department', 'district', 'commune'];

const UNIT_LEVEL_NAMES: Record<UnitLevel, { vi: string; en: string }> = {
  province: { vi: 'tỉnh', en: 'province' },
  department: { vi: 'sở, ngành', en: 'department' },
  district: { vi: 'huyện', en: 'district' },
  commune: { vi: 'xã', en: 'commune' },
};

/** A level in words for text people read: "cấp xã", never the code "commune" in Vietnamese. */
export function unitLevelLabel(level: UnitLevel, language: 'vi' | 'en'): string {
  return UNIT_LEVEL_NAMES[level]?.[language] ?? level;
}

export interface ParentLink {
  parentId: string;
  from?: LocalDate;
  to?: LocalDate;
}

/** Where a unit's data goes when it ends: all of it (a merge) or a share (a split). */
export interface SuccessorLink {
  unitId: string;
  /** The successor's first day: the day after this unit's last. */
  on: LocalDate;
  /** Fraction of this unit's data the successor takes; 1 unless split. */
  share: number;
}

export interface OrgUnit {
  /** Stable id: the official administrative code where one exists. */
  id: string;
  officialCode?: string;
  /** Unicode NFC, with its diacritics: "Lạng Sơn". */
  name: string;
  level: UnitLevel;
  validFrom?: LocalDate;
  validTo?: LocalDate;
  parents: ParentLink[];
  successors: SuccessorLink[];
}

export function validOn(unit: Pick<OrgUnit, 'validFrom' | 'validTo'>, date: LocalDate): boolean {
  return (unit.validFrom === undefined || unit.validFrom <= date) && (unit.validTo === undefined || date <= unit.validTo);
}

export function validDuring(unit: Pick<OrgUnit, 'validFrom' | 'validTo'>, range: { start: LocalDate; end: LocalDate }): boolean {
  return (unit.validFrom === undefined || unit.validFrom <= range.end) && (unit.validTo === undefined || range.start <= unit.validTo);
}

export function parentLinkOn(unit: OrgUnit, date: LocalDate): ParentLink | undefined {
  return unit.parents.find((p) => validOn({ validFrom: p.from, validTo: p.to }, date));
}

/** Names are compared and stored in NFC so "Lạng Sơn" typed on any keyboard is one name. */
export function normaliseName(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ');
}
