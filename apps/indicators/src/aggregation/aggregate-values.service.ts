import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { aggregateValue, approvedTotals, milestoneValue } from '@dtp/domain';
import { mapLimited } from '@dtp/messaging';
import { Model } from 'mongoose';
import { IndicatorCatalogService } from '../catalog/indicator-catalog.service';
import { HierarchyService } from '../units/hierarchy.service';
import { Aggregate, stateOf, UnitAggregate } from './schemas/aggregate.schema';
import { unitPeriodIdOf, UnitPeriodState } from './fold';
import { periodEndOf } from './submission-rules';

/** What a value is computed from: an aggregate's totals, and where and when it stands. */
export type HeldAggregate = Pick<Aggregate, 'provinceCode' | 'unitCode' | 'indicatorCode' | 'period' | 'kind' | 'totals'>;

const READS_AT_ONCE = 16;

/**
 * The value every reader shows for an aggregate (API, rankings, scorecards, notices, and through
 * them the exports and the dashboard): its totals under its indicator's rule. A milestone's rule
 * (`milestoneAggregation`: all, any, count) comes from the catalog; "all" looks at each unit
 * expected to report (the hierarchy as it stood at the period's end) and whether its own counted
 * report says done, so neither a missing report nor a report from another level can stand in.
 */
@Injectable()
export class AggregateValues {
  constructor(
    private readonly catalog: IndicatorCatalogService,
    private readonly hierarchy: HierarchyService,
    @InjectModel(UnitAggregate.name) private readonly aggregates: Model<UnitAggregate>,
  ) {}

  /**
   * A function giving each of these aggregates its value, or with `asApproved` its value as
   * approved (without figures awaiting approval: approvedTotals). Reads the rules of the
   * milestones among them, and for "all" the expected units' documents, once; `states` are
   * unit-period states to use instead of what is stored (a fold batch's, before it writes them).
   */
  async valuerFor(aggregates: Iterable<HeldAggregate>, states?: ReadonlyMap<string, UnitPeriodState>): Promise<(a: HeldAggregate, asApproved?: boolean) => number | null> {
    const held = [...aggregates];
    const milestones = new Map<string, { provinceCode: string; indicatorCode: string }>();
    for (const a of held) if (a.kind === 'milestone') milestones.set(`${a.provinceCode}:${a.indicatorCode}`, a);
    const defs = new Map(
      await Promise.all([...milestones].map(async ([key, { provinceCode, indicatorCode }]) => [key, await this.catalog.find(provinceCode, indicatorCode)] as const)),
    );
    const ruleOf = (a: HeldAggregate) => defs.get(`${a.provinceCode}:${a.indicatorCode}`)?.milestoneAggregation ?? 'count';
    const expectedOf = new Map<HeldAggregate, string[]>();
    for (const a of held) {
      const def = defs.get(`${a.provinceCode}:${a.indicatorCode}`);
      if (a.kind === 'milestone' && def && ruleOf(a) === 'all') expectedOf.set(a, this.hierarchy.reportersExpected(def, a.unitCode, periodEndOf(a.period)));
    }
    const owns = await this.ownStates([...expectedOf].flatMap(([a, ids]) => ids.map((id) => unitPeriodIdOf(id, a.period))), states);
    return (a, asApproved = false) => {
      const totals = asApproved ? approvedTotals(a.totals) : a.totals;
      if (a.kind !== 'milestone') return aggregateValue(totals, a.kind);
      const expected = expectedOf.get(a);
      const done = expected?.map((id) => {
        const own = owns.get(unitPeriodIdOf(id, a.period))?.indicators[a.indicatorCode]?.own;
        return own !== undefined && !own.withdrawn && own.done === true && !(asApproved && own.standing === 'provisional');
      });
      return milestoneValue(totals, ruleOf(a), done);
    };
  }

  async valueOf(aggregate: HeldAggregate): Promise<number | null> {
    return (await this.valuerFor([aggregate]))(aggregate);
  }

  /** Unit-period states by `_id`: those given, the rest one read by `_id` each. */
  private async ownStates(ids: string[], given?: ReadonlyMap<string, UnitPeriodState>): Promise<Map<string, UnitPeriodState>> {
    const wanted = [...new Set(ids)];
    const missing = wanted.filter((id) => !given?.has(id));
    const read = await mapLimited(missing, READS_AT_ONCE, async (id) => ({ id, doc: await this.aggregates.findById(id, { packed: 1, provinceCode: 1, unitCode: 1, period: 1 }).lean<UnitAggregate>().exec() }));
    const found = new Map<string, UnitPeriodState>();
    for (const id of wanted) {
      const state = given?.get(id);
      if (state) found.set(id, state);
    }
    for (const { id, doc } of read) if (doc) found.set(id, stateOf({ _id: id, provinceCode: doc.provinceCode, unitCode: doc.unitCode, period: doc.period }, doc));
    return found;
  }
}
