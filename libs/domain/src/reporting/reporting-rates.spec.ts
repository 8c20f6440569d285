import { parsePeriodId } from '../periods/period-id';
import { OrgUnitHierarchy } from '../units/org-unit-hierarchy';
import { referenceUnits } from '../units/reference-units';
import { expectedReports, reportingRates } from './reporting-rates';

const hierarchy = new OrgUnitHierarchy(referenceUnits());
const quarterly = { code: 'CDS-Q', levels: ['district' as const], calendar: 'decree-09' as const };

describe('reporting rates', () => {
  it('expects a report from each unit that exists on the cut-off date', () => {
    const q2 = expectedReports(hierarchy, quarterly, [parsePeriodId('2025Q2')]);
    expect(q2).toHaveLength(24);
    expect(q2[0]).toEqual({ unitId: '178', formCode: 'CDS-Q', period: '2025Q2' });
    // Cut-off 14/9/2025: the district level no longer exists.
    expect(expectedReports(hierarchy, quarterly, [parsePeriodId('2025Q3')])).toEqual([]);
  });

  it('expects the units that exist on the form’s own cut-off when its legal basis sets one', () => {
    // A year cut off on 30/6/2025 still counts the districts that Decree 09's 14/12 would not.
    const yearly = { ...quarterly, cutOff: { kind: 'day-of-month' as const, day: 30, monthsAfterPeriodEnd: -6 } };
    expect(expectedReports(hierarchy, yearly, [parsePeriodId('2025')])).toHaveLength(24);
    expect(expectedReports(hierarchy, quarterly, [parsePeriodId('2025')])).toEqual([]);
  });

  it('computes completeness and timeliness per unit, per level and per province', () => {
    const obligations = expectedReports(hierarchy, quarterly, [parsePeriodId('2024Q1'), parsePeriodId('2024Q2')]).filter((o) => hierarchy.parentOn(o.unitId, '2024-01-01')!.id === '20');
    const receipts = [
      { unitId: '178', formCode: 'CDS-Q', period: '2024Q1', onTime: true },
      { unitId: '178', formCode: 'CDS-Q', period: '2024Q2', onTime: false },
      { unitId: '180', formCode: 'CDS-Q', period: '2024Q1', onTime: true },
      // Sent twice, and a report nobody expected: neither may push a rate past 100 %.
      { unitId: '180', formCode: 'CDS-Q', period: '2024Q1', onTime: false },
      { unitId: '999', formCode: 'CDS-Q', period: '2024Q1', onTime: true },
    ];
    const rates = reportingRates(obligations, receipts, (o) => [`unit:${o.unitId}`, 'level:district', `province:20`]);
    expect(rates.get('unit:178')).toEqual({ expected: 2, received: 2, onTime: 1, completeness: 1, timeliness: 0.5 });
    expect(rates.get('unit:180')).toEqual({ expected: 2, received: 1, onTime: 1, completeness: 0.5, timeliness: 0.5 });
    expect(rates.get('unit:181')).toEqual({ expected: 2, received: 0, onTime: 0, completeness: 0, timeliness: 0 });
    expect(rates.get('province:20')).toEqual({ expected: 22, received: 3, onTime: 2, completeness: 3 / 22, timeliness: 2 / 22 });
    expect(rates.has('unit:999')).toBe(false);
  });
});
