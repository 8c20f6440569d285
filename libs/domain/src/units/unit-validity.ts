import { formatViDate, LocalDate } from '../calendar/local-date';
import { validOn } from './org-unit';
import { OrgUnitHierarchy } from './org-unit-hierarchy';

/** Why a unit may not report for a province on a date, in both languages; undefined when it may. */
export interface UnitRefusal {
  code: 'unknown-unit' | 'unit-not-valid' | 'unit-outside-province';
  detail: string;
  detailVi: string;
}

/**
 * Whether a unit may report for a province on a date (a period's cut-off): it is in the units
 * list, exists on that date (a district abolished on 30/6/2025 does not report 2025Q4) and lies in
 * the province then. The same set is "expected" in reporting rates and "reporting" in aggregates.
 */
export function unitReportingRefusal(hierarchy: OrgUnitHierarchy, unitCode: string, provinceCode: string, on: LocalDate): UnitRefusal | undefined {
  if (!hierarchy.has(unitCode)) {
    return { code: 'unknown-unit', detail: `unit ${unitCode} is not in the list of units of province ${provinceCode}`, detailVi: `đơn vị ${unitCode} không có trong danh mục đơn vị của tỉnh ${provinceCode}` };
  }
  const unit = hierarchy.get(unitCode);
  if (!validOn(unit, on)) {
    const from = unit.validFrom ? ` from ${unit.validFrom}` : '';
    const to = unit.validTo ? ` to ${unit.validTo}` : '';
    const fromVi = unit.validFrom ? ` từ ngày ${formatViDate(unit.validFrom)}` : '';
    const toVi = unit.validTo ? ` đến ngày ${formatViDate(unit.validTo)}` : '';
    return {
      code: 'unit-not-valid',
      detail: `unit ${unitCode} (${unit.name}) exists${from}${to}; the period's figures are as of ${on}, outside that`,
      detailVi: `đơn vị ${unitCode} (${unit.name}) chỉ tồn tại${fromVi}${toVi}; số liệu của kỳ báo cáo chốt ngày ${formatViDate(on)}, ngoài thời gian đó`,
    };
  }
  if (unitCode !== provinceCode && !hierarchy.ancestorsOn(unitCode, on).some((a) => a.id === provinceCode)) {
    return { code: 'unit-outside-province', detail: `unit ${unitCode} is not in province ${provinceCode} on ${on}`, detailVi: `đơn vị ${unitCode} không thuộc tỉnh ${provinceCode} vào ngày ${formatViDate(on)}` };
  }
  return undefined;
}
