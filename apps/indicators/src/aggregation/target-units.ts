/**
 * The aggregates a unit's report counts in: the unit itself and the levels above it. One rule
 * for the incremental path and the rebuild. Until the catalog's hierarchy arrives, a unit rolls
 * up straight to its province.
 */
export function targetUnitsOf(s: { unitCode: string; provinceCode: string }): string[] {
  return [...new Set([s.unitCode, s.provinceCode])];
}
