import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import {
  DataDestination,
  HierarchyError,
  IndicatorDefinition,
  LocalDate,
  OrgUnit,
  OrgUnitHierarchy,
  referenceUnits,
  reportingUnitsUnder,
  ScoredUnit,
  treeProblems,
  UnitLevel,
  UnitProblem,
  UnitsImportError,
  unitsFromCsv,
  unitsOutsideProvince,
} from '@dtp/domain';
import { Catalog } from '@dtp/contracts';
import { bulkWriteInChunks, outboxAppend } from '@dtp/messaging';
import { currentCorrelationId, FieldProblem, fieldsRefusal } from '@dtp/platform';
import { UnitImport } from './schemas/unit-import.schema';
import { UnitImportOutboxRelay } from './unit-import-outbox.relay';
import { CATALOG_GENERATION, FoldGenerations } from '../read-models/fold-generations.service';
import { Model } from 'mongoose';
import { OrgUnitRecord } from './schemas/org-unit.schema';

/** Tolerates absent fields: FerretDB 1.24 drops nulls and empty arrays from an upsert's $setOnInsert. */
function toUnit(r: OrgUnitRecord): OrgUnit {
  return {
    id: r._id,
    ...(r.officialCode ? { officialCode: r.officialCode } : {}),
    name: r.name,
    level: r.level,
    ...(r.validFrom ? { validFrom: r.validFrom } : {}),
    ...(r.validTo ? { validTo: r.validTo } : {}),
    parents: (r.parents ?? []).map((p) => ({ parentId: p.parentId, ...(p.from ? { from: p.from } : {}), ...(p.to ? { to: p.to } : {}) })),
    successors: r.successors ?? [],
  };
}

function toRecord(u: OrgUnit): OrgUnitRecord {
  return { _id: u.id, officialCode: u.officialCode ?? null, name: u.name, level: u.level, validFrom: u.validFrom ?? null, validTo: u.validTo ?? null, parents: u.parents, successors: u.successors };
}

/** Whose units an import may change: one province's (its administrators) or every province's (national administrators). */
export type UnitsScope = { kind: 'province'; provinceCode: string } | { kind: 'national' };

const unitRefusal = (p: UnitProblem): FieldProblem => ({ field: `unit ${p.unitId}, ${p.field}`, message: p.message, messageVi: p.messageVi });

/**
 * The organisation units of every province, checked as a whole (libs/domain), kept in memory for
 * the aggregation's hot path and reloaded after each change. The reference units of Lạng Sơn and
 * Hà Tĩnh are loaded at start when missing.
 */
@Injectable()
export class HierarchyService implements OnApplicationBootstrap {
  private readonly logger = new Logger(HierarchyService.name);
  private hierarchy = new OrgUnitHierarchy([]);
  private loadedAt?: string;

  constructor(
    @InjectModel(OrgUnitRecord.name) private readonly units: Model<OrgUnitRecord>,
    @InjectModel(UnitImport.name) private readonly imports: Model<UnitImport>,
    private readonly relay: UnitImportOutboxRelay,
    private readonly generations: FoldGenerations,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Inserted only where missing: an administrator's later corrections are kept.
    // String ids: the driver's types assume ObjectId.
    await bulkWriteInChunks(this.units.collection, referenceUnits().map((u) => ({ updateOne: { filter: { _id: u.id }, update: { $setOnInsert: toRecord(u) }, upsert: true } })), { ordered: false });
    await this.reload();
    this.logger.log(`${this.hierarchy.all().length} organisation units loaded`);
  }

  /**
   * The aggregates a unit's report counts in: the unit itself and its ancestors on a date (one
   * rule for the incremental path and the rebuild). A unit not in the hierarchy rolls up to its
   * province.
   */
  targetsOf(unitCode: string, provinceCode: string, on: LocalDate): string[] {
    if (!this.hierarchy.has(unitCode)) return [...new Set([unitCode, provinceCode])];
    return [unitCode, ...this.hierarchy.ancestorsOn(unitCode, on).map((u) => u.id)];
  }

  /** The province a unit lies in (the unit itself for a province), or undefined for a unit the hierarchy does not know. */
  provinceOf(unitCode: string): string | undefined {
    if (!this.hierarchy.has(unitCode)) return undefined;
    const unit = this.hierarchy.get(unitCode);
    if (unit.level === 'province') return unit.id;
    const on = unit.validFrom ?? unit.validTo ?? '2000-01-01';
    return this.hierarchy.ancestorsOn(unitCode, on).find((a) => a.level === 'province')?.id;
  }

  /** The units whose data a unit took over, as they stood on a date before it existed, with their shares (none for a unit the hierarchy does not know). */
  predecessorsOn(unitCode: string, on: LocalDate): DataDestination[] {
    return this.hierarchy.has(unitCode) ? this.hierarchy.predecessorsOn(unitCode, on) : [];
  }

  /**
   * The province whose fold generation covers a unit's series: its own when every unit its data
   * came from lay in it too. Undefined when the series also reads another province's aggregates
   * (a commune of two merged provinces): no one generation tells when those change, so such a
   * series is computed on each read rather than served stale.
   */
  seriesProvinceOf(unitCode: string): string | undefined {
    const province = this.provinceOf(unitCode);
    if (!this.hierarchy.has(unitCode)) return province;
    return this.hierarchy.lineageOf(unitCode).every((id) => this.provinceOf(id) === province) ? province : undefined;
  }

  /**
   * The units whose reports make up a unit's value of an indicator on a date: the finest units
   * under it that report the indicator, or the unit itself when it reports the indicator and
   * nobody under it does (none for a unit the hierarchy does not know).
   */
  reportersExpected(def: Pick<IndicatorDefinition, 'reportedBy'>, unitCode: string, on: LocalDate): string[] {
    if (!this.hierarchy.has(unitCode)) return [];
    const under = reportingUnitsUnder(this.hierarchy, def, unitCode, on);
    if (under.length > 0) return under;
    return def.reportedBy.includes(this.hierarchy.get(unitCode).level) ? [unitCode] : [];
  }

  /** A unit's level, or undefined for a unit the hierarchy does not know. */
  levelOf(unitCode: string): UnitLevel | undefined {
    return this.hierarchy.has(unitCode) ? this.hierarchy.get(unitCode).level : undefined;
  }

  /**
   * A unit as targets are resolved for it (libs/domain target-scope.ts): its level, the province's
   * own code counting as the province even where the hierarchy does not hold it.
   */
  scoredUnit(unitCode: string, provinceCode: string): ScoredUnit {
    return { code: unitCode, level: unitCode === provinceCode ? 'province' : this.levelOf(unitCode) };
  }

  list(query: { on?: LocalDate; under?: string; level?: UnitLevel }): OrgUnit[] {
    const { on, under, level } = query;
    let units = on ? this.hierarchy.validOn(on) : this.hierarchy.all();
    if (under) units = units.filter((u) => u.id !== under && this.hierarchy.ancestorsOn(u.id, on ?? u.validTo ?? u.validFrom ?? '9999-12-31').some((a) => a.id === under));
    if (level) units = units.filter((u) => u.level === level);
    return units.sort((a, b) => a.id.localeCompare(b.id));
  }

  /** Adds or replaces units from a CSV (libs/domain's columns); refused whole if the result is not a consistent hierarchy. */
  async importCsv(csv: string, scope: UnitsScope): Promise<{ imported: number }> {
    let incoming: OrgUnit[];
    try {
      incoming = unitsFromCsv(csv);
    } catch (error) {
      if (!(error instanceof UnitsImportError)) throw error;
      throw fieldsRefusal(422, 'invalid-units', error.problems.map((p): FieldProblem => ({ field: `row ${p.row}, ${p.column}`, row: p.row, column: p.column, message: p.message, messageVi: p.messageVi })));
    }
    return this.importUnits(incoming, scope);
  }

  /**
   * Adds or replaces units given as JSON (libs/domain OrgUnit); the same checks as a CSV. The
   * result must be a consistent hierarchy and, for the units imported and those under them, a
   * tree of the map (422); and a province's administrator changes only units of that province,
   * as imported and as they stood (403). Older stored units are not re-judged by the tree
   * rules, so an import is never blocked by a unit it does not touch.
   */
  async importUnits(incoming: OrgUnit[], scope: UnitsScope): Promise<{ imported: number }> {
    const merged = new Map(this.hierarchy.all().map((u) => [u.id, u]));
    for (const u of incoming) merged.set(u.id, u);
    const touched = new Set(incoming.map((u) => u.id));
    const affected = [...merged.values()].filter((u) => touched.has(u.id) || u.parents.some((p) => touched.has(p.parentId))).map((u) => u.id);
    const problems: UnitProblem[] = [];
    try {
      new OrgUnitHierarchy([...merged.values()]);
    } catch (error) {
      if (!(error instanceof HierarchyError)) throw error;
      problems.push(...error.problems);
    }
    problems.push(...treeProblems([...merged.values()], affected));
    if (problems.length > 0) throw fieldsRefusal(422, 'invalid-units', problems.map(unitRefusal));
    // After the checks, so a unit whose parent does not exist is named as such, not as another province's.
    if (scope.kind === 'province') {
      const current = this.hierarchy;
      const outside = unitsOutsideProvince(scope.provinceCode, incoming, (id) => merged.get(id), (id) => (current.has(id) ? current.get(id) : undefined));
      if (outside.length > 0) throw fieldsRefusal(403, 'forbidden', outside.map(unitRefusal));
    }
    await bulkWriteInChunks(this.units.collection, incoming.map((u) => ({ replaceOne: { filter: { _id: u.id }, replacement: toRecord(u), upsert: true } })), { ordered: true });
    const unitIds = incoming.map((u) => u.id);
    const event = Catalog.envelope({ source: 'indicators', correlationId: currentCorrelationId(), data: { kind: 'units-imported', unitIds } });
    await this.relay.expect([event.id]);
    await this.imports.collection.insertOne({ _id: event.id as never, unitIds, at: new Date(), ...outboxAppend(Catalog.TOPIC, [event]).fields });
    this.relay.nudge();
    await this.reload();
    await this.generations.bump(CATALOG_GENERATION);
    return { imported: incoming.length };
  }

  /**
   * Reloads the units when the catalog changed in any replica since they were loaded (a units
   * import elsewhere): the fold calls it before each batch, at the cost of a generation check.
   */
  async refresh(): Promise<void> {
    const generation = await this.generations.current(CATALOG_GENERATION);
    if (generation === this.loadedAt) return;
    this.loadedAt = generation;
    await this.reload();
  }

  private async reload(): Promise<void> {
    const records = await this.units.find().lean<OrgUnitRecord[]>().exec();
    this.hierarchy = new OrgUnitHierarchy(records.map(toUnit));
  }
}
