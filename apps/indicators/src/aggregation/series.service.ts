import { Injectable } from '@nestjs/common';
import { AggregationKind, DataDestination, derivedFromPredecessors, IndicatorKind } from '@dtp/domain';
import { mapLimited } from '@dtp/messaging';
import { IndicatorCatalogService } from '../catalog/indicator-catalog.service';
import { HierarchyService } from '../units/hierarchy.service';
import { AggregateValues } from './aggregate-values.service';
import { AggregationService } from './aggregation.service';
import { Aggregate } from './schemas/aggregate.schema';
import { SeriesPointDto } from './series-point.dto';
import { periodEndOf } from './submission-rules';

/** Predecessors read at once: a reform merges a handful of communes into one. */
const PREDECESSORS_AT_ONCE = 4;

/**
 * An indicator for a unit over periods. A unit created by a reform (a commune of 1/7/2025) has
 * no figures of its own before it existed; those periods are derived from the units whose data
 * it took over (libs/domain derivedFromPredecessors), marked as derived with the predecessors
 * used, so its trend reaches back into 2024 comparably. Its own periods are as folded.
 */
@Injectable()
export class SeriesService {
  constructor(
    private readonly aggregation: AggregationService,
    private readonly values: AggregateValues,
    private readonly hierarchy: HierarchyService,
    private readonly catalog: IndicatorCatalogService,
  ) {}

  async series(unitCode: string, indicatorCode: string, periods: readonly string[]): Promise<SeriesPointDto[]> {
    const found = await this.aggregation.ofUnit(unitCode, periods);
    const own = periods.map((period) => ({ period, aggregate: found.get(period)?.get(indicatorCode) }));
    const valueOf = await this.values.valuerFor(own.flatMap((p) => (p.aggregate ? [p.aggregate] : [])));
    // A unit that did report for such a period keeps its own figures: only gaps are filled.
    const before = new Map<string, DataDestination[]>();
    for (const { period, aggregate } of own) {
      const predecessors = this.hierarchy.predecessorsOn(unitCode, periodEndOf(period));
      if (predecessors.length > 0 && !(aggregate && aggregate.totals.reporting > 0)) before.set(period, predecessors);
    }
    const theirs = await this.predecessorAggregates(before, indicatorCode);
    const kind = before.size > 0 ? await this.kindOf(unitCode, indicatorCode, [...theirs.values()]) : undefined;
    return own.map(({ period, aggregate }): SeriesPointDto => {
      const predecessors = before.get(period);
      if (!predecessors || !kind) return { period, value: aggregate ? valueOf(aggregate) : null, reportingUnits: aggregate?.totals.reporting ?? 0 };
      const parts = predecessors.map((p) => ({ ...p, totals: theirs.get(`${p.unitId}:${period}`)?.totals }));
      const derived = derivedFromPredecessors(kind, parts);
      const used = predecessors.map((p) => ({ unitCode: p.unitId, share: p.share }));
      if (derived.derived) return { period, value: derived.value, reportingUnits: derived.totals.reporting, derived: true, predecessors: used };
      const reportingUnits = parts.reduce((n, p) => n + (p.totals?.reporting ?? 0), 0);
      return { period, value: null, reportingUnits, derived: false, predecessors: used, notDerivedReason: derived.reason, ...(derived.missing.length > 0 ? { missing: derived.missing } : {}) };
    });
  }

  /** The predecessors' aggregates of the indicator by `<unit>:<period>`: one read by `_id` per predecessor and period. */
  private async predecessorAggregates(before: ReadonlyMap<string, DataDestination[]>, indicatorCode: string): Promise<Map<string, Aggregate>> {
    const periodsOf = new Map<string, string[]>();
    for (const [period, predecessors] of before) for (const p of predecessors) periodsOf.set(p.unitId, [...(periodsOf.get(p.unitId) ?? []), period]);
    const read = await mapLimited([...periodsOf], PREDECESSORS_AT_ONCE, async ([unitId, periods]) => ({ unitId, found: await this.aggregation.ofUnit(unitId, periods) }));
    const out = new Map<string, Aggregate>();
    for (const { unitId, found } of read) {
      for (const [period, byIndicator] of found) {
        const aggregate = byIndicator.get(indicatorCode);
        if (aggregate) out.set(`${unitId}:${period}`, aggregate);
      }
    }
    return out;
  }

  /**
   * What the indicator is: the catalog's kind where the unit's province defines it (it knows a
   * rank reported as a plain number is no sum), else the kind the predecessors' figures were folded as.
   */
  private async kindOf(unitCode: string, indicatorCode: string, aggregates: Aggregate[]): Promise<IndicatorKind | AggregationKind> {
    const provinceCode = this.hierarchy.provinceOf(unitCode);
    const def = provinceCode ? await this.catalog.find(provinceCode, indicatorCode) : null;
    return def?.kind ?? aggregates[0]?.kind ?? 'sum';
  }
}
