import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { IndicatorKind, ResolvedTarget, ScoredUnit, scopeKeysOf, scopeOf, scopeProblems, Target, targetsForUnit } from '@dtp/domain';
import { Catalog } from '@dtp/contracts';
import { DocumentLocks, VersionedModel, writeVersioned } from '@dtp/messaging';
import { currentCorrelationId, FieldProblem, fieldsRefusal } from '@dtp/platform';
import { ProgrammeOutboxRelay } from './programme-outbox.relay';
import { Model } from 'mongoose';
import { ProgrammeDto } from './dto/programme.dto';
import { Programme, programmeIdOf } from './schemas/programme.schema';
import { CATALOG_GENERATION, FoldGenerations } from '../read-models/fold-generations.service';
import { IndicatorCatalogService } from '../catalog/indicator-catalog.service';
import { HierarchyService } from '../units/hierarchy.service';

/** Where a problem with a target's field is, as the sender wrote it: `targets[2].scope` in JSON, a row and column in a CSV. */
export type TargetFieldNamer = (index: number, column?: string) => Pick<FieldProblem, 'field' | 'row' | 'column'>;

const jsonField: TargetFieldNamer = (index, column) => ({ field: column ? `targets[${index}].${column}` : `targets[${index}]` });

@Injectable()
export class ProgrammesService {
  /**
   * Programmes by province, for the aggregation's hot path, as of a catalog generation: a save in
   * any replica bumps it, so every replica reloads within GENERATION_TTL_MS.
   */
  private readonly cache = new Map<string, { generation: string; programmes: Promise<Programme[]> }>();
  /** Indicator kinds for targets set for every level, as of a catalog generation (the fold asks per unit). */
  private kinds = { generation: '', byIndicator: new Map<string, Promise<IndicatorKind | undefined>>() };

  constructor(
    @InjectModel(Programme.name) private readonly programmes: Model<Programme>,
    private readonly locks: DocumentLocks,
    private readonly relay: ProgrammeOutboxRelay,
    private readonly generations: FoldGenerations,
    private readonly catalog: IndicatorCatalogService,
    private readonly hierarchy: HierarchyService,
  ) {}

  /** A unit's targets, across a province's programmes, on an indicator in a year: each programme's own for the unit (libs/domain target-scope.ts). */
  async targetsOn(provinceCode: string, indicatorCode: string, year: number, unit: ScoredUnit): Promise<Array<{ programmeCode: string; target: Target }>> {
    const generation = await this.generations.current(CATALOG_GENERATION);
    let cached = this.cache.get(provinceCode);
    if (!cached || cached.generation !== generation) {
      cached = { generation, programmes: this.list(provinceCode) };
      this.cache.set(provinceCode, cached);
    }
    const found: Array<{ programmeCode: string; target: Target }> = [];
    for (const p of await cached.programmes) {
      const candidates = p.targets.filter((t) => t.indicatorCode === indicatorCode && t.year === year);
      if (candidates.length === 0) continue;
      for (const { target } of await this.resolve(provinceCode, candidates, unit, generation)) found.push({ programmeCode: p.code, target });
    }
    return found;
  }

  /** The targets of a programme a unit is scored on (its own, else its level's, else none). */
  async targetsFor(programme: Pick<Programme, 'provinceCode' | 'targets'>, unit: ScoredUnit): Promise<ResolvedTarget[]> {
    return this.resolve(programme.provinceCode, programme.targets, unit, await this.generations.current(CATALOG_GENERATION));
  }

  /** The kinds are read only for targets set for every level, and only for a unit below the province: the one case they decide. */
  private async resolve(provinceCode: string, targets: readonly Target[], unit: ScoredUnit, generation: string): Promise<ResolvedTarget[]> {
    if (this.kinds.generation !== generation) this.kinds = { generation, byIndicator: new Map() };
    const wanted = unit.level && unit.level !== 'province' ? [...new Set(targets.filter((t) => scopeOf(t) === 'every-level').map((t) => t.indicatorCode))] : [];
    const kinds = new Map(await Promise.all(wanted.map(async (code) => [code, await this.kindOf(provinceCode, code)] as const)));
    return targetsForUnit(targets, unit, (code) => kinds.get(code));
  }

  private kindOf(provinceCode: string, indicatorCode: string): Promise<IndicatorKind | undefined> {
    const key = `${provinceCode}:${indicatorCode}`;
    let kind = this.kinds.byIndicator.get(key);
    if (!kind) {
      kind = this.catalog.find(provinceCode, indicatorCode).then((d) => d?.kind);
      this.kinds.byIndicator.set(key, kind);
      // A failed read is asked again next time, not remembered until the catalog changes.
      kind.catch(() => this.kinds.byIndicator.delete(key));
    }
    return kind;
  }

  /**
   * Creates or replaces a programme; each target names a pillar of the programme and a scope
   * (province when none is given), once per indicator, year and scope or unit named.
   */
  async save(dto: ProgrammeDto, by: string, at: TargetFieldNamer = jsonField): Promise<Programme> {
    const pillars = new Set(dto.pillars.map((p) => p.code));
    const problems: FieldProblem[] = [];
    const named = (index: number, column: string | undefined, message: string, messageVi: string) => {
      const where = at(index, column);
      problems.push({ ...where, message: `${where.field}: ${message}`, messageVi: `${where.field}: ${messageVi}` });
    };
    const seen = new Set<string>();
    dto.targets.forEach((t, i) => {
      if (!pillars.has(t.pillar)) named(i, 'pillar', `${t.pillar} is not a pillar of this programme`, `${t.pillar} không phải trụ cột của chương trình`);
      const keys = scopeKeysOf(t);
      if (keys.some((key) => seen.has(key))) named(i, undefined, `a second target for ${t.indicatorCode} in ${t.year} for the same units`, `chỉ tiêu ${t.indicatorCode} năm ${t.year} bị lặp cho cùng đơn vị`);
      keys.forEach((key) => seen.add(key));
    });
    const everyLevel = [...new Set(dto.targets.filter((t) => scopeOf(t) === 'every-level').map((t) => t.indicatorCode))];
    const kinds = new Map(await Promise.all(everyLevel.map(async (code) => [code, (await this.catalog.find(dto.provinceCode, code))?.kind] as const)));
    for (const p of scopeProblems(dto.targets, { kindOf: (code) => kinds.get(code), isUnitOfProvince: (code) => this.hierarchy.provinceOf(code) === dto.provinceCode })) {
      named(p.index, p.field, p.message, p.messageVi);
    }
    if (problems.length > 0) throw fieldsRefusal(422, 'invalid-programme', problems);
    const targets = dto.targets.map((t) => ({ ...t, scope: scopeOf(t) }));
    const targetScopes: Record<string, number> = {};
    for (const t of targets) targetScopes[t.scope] = (targetScopes[t.scope] ?? 0) + 1;
    this.cache.delete(dto.provinceCode);
    await writeVersioned(this.programmes as unknown as VersionedModel, this.locks, this.relay, programmeIdOf(dto.provinceCode, dto.code), (version) => ({
      fields: { ...dto, targets, updatedBy: by },
      topic: Catalog.TOPIC,
      events: [Catalog.envelope({ source: 'indicators', correlationId: currentCorrelationId(), data: { kind: 'programme-saved', provinceCode: dto.provinceCode, code: dto.code, version, targets: dto.targets.length, targetScopes } })],
    }));
    this.relay.nudge();
    await this.generations.bump(CATALOG_GENERATION);
    return this.get(dto.provinceCode, dto.code);
  }

  async get(provinceCode: string, code: string): Promise<Programme> {
    const programme = await this.programmes.findById(programmeIdOf(provinceCode, code), { outbox: 0, outboxCount: 0, outboxPending: 0 }).lean<Programme>().exec();
    if (!programme) throw new NotFoundException(`programme ${code} of province ${provinceCode} not found`);
    return withScopes(programme);
  }

  async list(provinceCode: string): Promise<Programme[]> {
    return (await this.programmes.find({ provinceCode }, { outbox: 0, outboxCount: 0, outboxPending: 0 }).sort({ code: 1 }).lean<Programme[]>().exec()).map(withScopes);
  }
}

/** Programmes saved before scopes answer with their meaning spelled out: the province's targets. */
function withScopes(programme: Programme): Programme {
  return { ...programme, targets: programme.targets.map((t) => ({ ...t, scope: scopeOf(t) })) };
}
