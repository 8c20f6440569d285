import { Injectable } from '@nestjs/common';
import { buildScorecard, describeCounts, describeProvisional, figureStanding, formatPeriodId, lastPeriods, noTargetsNote, parsePeriodId, periodDates, previousPeriod } from '@dtp/domain';
import { AggregationService } from '../aggregation/aggregation.service';
import { AggregateValues } from '../aggregation/aggregate-values.service';
import { ProgrammesService } from '../programmes/programmes.service';
import { HierarchyService } from '../units/hierarchy.service';
import { ScorecardViewDto } from './scorecard-view.dto';

/** How many periods a target's trend shows, the asked one included. */
const TREND_PERIODS = 4;

/**
 * A programme's scorecard for a unit (the province or any unit) and period: each of the unit's own
 * targets of that year (libs/domain target-scope.ts: the unit's, else its level's, else none)
 * against the unit's aggregated value, counted per pillar and overall (libs/domain). A unit the
 * programme sets no targets says so rather than scoring 0 of the province's.
 */
@Injectable()
export class ScorecardsService {
  constructor(
    private readonly programmes: ProgrammesService,
    private readonly aggregation: AggregationService,
    private readonly values: AggregateValues,
    private readonly hierarchy: HierarchyService,
  ) {}

  async scorecard(provinceCode: string, programmeCode: string, unitCode: string, periodId: string, pillar?: string): Promise<ScorecardViewDto> {
    const programme = await this.programmes.get(provinceCode, programmeCode);
    const period = parsePeriodId(periodId);
    const dates = periodDates(period, 'calendar');
    const year = Number(dates.end.slice(0, 4));
    await this.hierarchy.refresh();
    const unit = this.hierarchy.scoredUnit(unitCode, provinceCode);
    const own = await this.programmes.targetsFor({ provinceCode, targets: programme.targets.filter((t) => t.year === year) }, unit);
    const appliesTo = new Map(own.map((r) => [r.target, r.appliesTo]));
    const none = own.length === 0 ? noTargetsNote(programme.code, year, unit.level) : undefined;
    const targets = own.map((r) => r.target).filter((t) => !pillar || t.pillar === pillar);
    const trend = period.type === 'range' ? [periodId] : lastPeriods(period, TREND_PERIODS).map(formatPeriodId);
    const previous = period.type === 'range' ? undefined : formatPeriodId(previousPeriod(period));
    const found = await this.aggregation.ofUnit(unitCode, previous ? [...trend, previous] : trend);
    const valueOf = await this.values.valuerFor([...found.values()].flatMap((byIndicator) => [...byIndicator.values()]));
    const actual = (indicatorCode: string, p: string) => {
      const a = found.get(p)?.get(indicatorCode);
      return a ? valueOf(a) : null;
    };

    const card = buildScorecard({
      targets,
      actuals: new Map(targets.map((t) => [t.indicatorCode, actual(t.indicatorCode, periodId)])),
      ...(previous ? { previous: new Map(targets.map((t) => [t.indicatorCode, actual(t.indicatorCode, previous)])) } : {}),
      asOf: dates.end,
      pillarOrder: programme.pillars.map((p) => p.code),
    });
    const pillarNames = new Map(programme.pillars.map((p) => [p.code, p]));
    // Whether each figure is final, and as approved where it is not (issue #14, defect 5; #18).
    const standingOf = (indicatorCode: string) => {
      const a = found.get(periodId)?.get(indicatorCode);
      return figureStanding(a?.totals, () => (a ? valueOf(a, true) : null));
    };
    return {
      programmeCode: programme.code,
      programmeNameVi: programme.nameVi,
      programmeNameEn: programme.nameEn,
      unitCode,
      period: periodId,
      summary: { ...describeCounts(card.overall), ...none },
      targetsFor: none ? 'none' : (unit.level ?? 'unit'),
      ...(none ? { note: none } : {}),
      overall: card.overall,
      ...describeProvisional(card.lines.map((line) => standingOf(line.target.indicatorCode))),
      pillars: card.pillars.map((p) => ({
        pillar: p.pillar,
        nameVi: pillarNames.get(p.pillar)?.nameVi ?? p.pillar,
        nameEn: pillarNames.get(p.pillar)?.nameEn ?? p.pillar,
        counts: p.counts,
        summary: describeCounts(p.counts),
      })),
      targets: card.lines.map((line) => ({
        indicatorCode: line.target.indicatorCode,
        pillar: line.target.pillar,
        appliesTo: appliesTo.get(line.target) ?? 'level',
        target: line.target.value,
        comparison: line.target.comparison,
        actual: line.actual,
        status: line.status,
        gap: line.gap,
        ...(line.progress ? { progress: line.progress } : {}),
        ...(line.change !== undefined ? { change: line.change } : {}),
        ...standingOf(line.target.indicatorCode),
        trend: trend.map((p) => ({ period: p, value: actual(line.target.indicatorCode, p) })),
      })),
    };
  }
}
