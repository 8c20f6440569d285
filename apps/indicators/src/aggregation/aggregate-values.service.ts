import { Injectable } from '@nestjs/common';
import { AggregateTotals, aggregateValue, AggregationKind, milestoneValue } from '@dtp/domain';
import { IndicatorCatalogService } from '../catalog/indicator-catalog.service';
import { HierarchyService } from '../units/hierarchy.service';
import { periodEndOf } from './submission-rules';

/** What a value is computed from: an aggregate's totals, and where and when it stands. */
export interface HeldAggregate {
  provinceCode: string;
  unitCode: string;
  indicatorCode: string;
  period: string;
  kind: AggregationKind;
  totals: AggregateTotals;
}

/**
 * The value every reader shows for an aggregate (API, rankings, scorecards, notices, and through
 * them the exports and the dashboard): its totals under its indicator's rule. A milestone's rule
 * (`milestoneAggregation`: all, any, count) comes from the catalog, and "all" needs the units
 * expected to report, from the hierarchy as it stood at the period's end.
 */
@Injectable()
export class AggregateValues {
  constructor(
    private readonly catalog: IndicatorCatalogService,
    private readonly hierarchy: HierarchyService,
  ) {}

  /** A function giving each of these aggregates its value; reads the rules of the milestones among them once. */
  async valuerFor(aggregates: Iterable<HeldAggregate>): Promise<(a: HeldAggregate) => number | null> {
    const milestones = new Map<string, { provinceCode: string; indicatorCode: string }>();
    for (const a of aggregates) if (a.kind === 'milestone') milestones.set(`${a.provinceCode}:${a.indicatorCode}`, a);
    const defs = new Map(
      await Promise.all([...milestones].map(async ([key, { provinceCode, indicatorCode }]) => [key, await this.catalog.find(provinceCode, indicatorCode)] as const)),
    );
    return (a) => {
      if (a.kind !== 'milestone') return aggregateValue(a.totals, a.kind);
      const def = defs.get(`${a.provinceCode}:${a.indicatorCode}`);
      const rule = def?.milestoneAggregation ?? 'count';
      const expected = rule === 'all' && def ? this.hierarchy.reportersExpected(def, a.unitCode, periodEndOf(a.period)) : 0;
      return milestoneValue(a.totals, rule, expected);
    };
  }

  async valueOf(aggregate: HeldAggregate): Promise<number | null> {
    return (await this.valuerFor([aggregate]))(aggregate);
  }
}
