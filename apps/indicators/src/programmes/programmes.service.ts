import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Target } from '@dtp/domain';
import { Catalog } from '@dtp/contracts';
import { DocumentLocks, VersionedModel, writeVersioned } from '@dtp/messaging';
import { currentCorrelationId, FieldProblem, fieldsRefusal } from '@dtp/platform';
import { ProgrammeOutboxRelay } from './programme-outbox.relay';
import { Model } from 'mongoose';
import { ProgrammeDto } from './dto/programme.dto';
import { Programme, programmeIdOf } from './schemas/programme.schema';
import { CATALOG_GENERATION, FoldGenerations } from '../read-models/fold-generations.service';

@Injectable()
export class ProgrammesService {
  /**
   * Programmes by province, for the aggregation's hot path, as of a catalog generation: a save in
   * any replica bumps it, so every replica reloads within GENERATION_TTL_MS.
   */
  private readonly cache = new Map<string, { generation: string; programmes: Promise<Programme[]> }>();

  constructor(
    @InjectModel(Programme.name) private readonly programmes: Model<Programme>,
    private readonly locks: DocumentLocks,
    private readonly relay: ProgrammeOutboxRelay,
    private readonly generations: FoldGenerations,
  ) {}

  /** The targets, across a province's programmes, on an indicator in a year. */
  async targetsOn(provinceCode: string, indicatorCode: string, year: number): Promise<Array<{ programmeCode: string; target: Target }>> {
    const generation = await this.generations.current(CATALOG_GENERATION);
    let cached = this.cache.get(provinceCode);
    if (!cached || cached.generation !== generation) {
      cached = { generation, programmes: this.list(provinceCode) };
      this.cache.set(provinceCode, cached);
    }
    return (await cached.programmes).flatMap((p) => p.targets.filter((t) => t.indicatorCode === indicatorCode && t.year === year).map((target) => ({ programmeCode: p.code, target })));
  }

  /** Creates or replaces a programme; each target names a pillar of the programme, once per indicator and year. */
  async save(dto: ProgrammeDto, by: string): Promise<Programme> {
    const pillars = new Set(dto.pillars.map((p) => p.code));
    const problems: FieldProblem[] = [];
    const seen = new Set<string>();
    dto.targets.forEach((t, i) => {
      if (!pillars.has(t.pillar)) problems.push({ field: `targets[${i}].pillar`, message: `targets[${i}].pillar: ${t.pillar} is not a pillar of this programme`, messageVi: `targets[${i}].pillar: ${t.pillar} không phải trụ cột của chương trình` });
      const key = `${t.indicatorCode}/${t.year}`;
      if (seen.has(key)) problems.push({ field: `targets[${i}]`, message: `targets[${i}]: a second target for ${t.indicatorCode} in ${t.year}`, messageVi: `targets[${i}]: chỉ tiêu ${t.indicatorCode} năm ${t.year} bị lặp` });
      seen.add(key);
    });
    if (problems.length > 0) throw fieldsRefusal(422, 'invalid-programme', problems);
    this.cache.delete(dto.provinceCode);
    await writeVersioned(this.programmes as unknown as VersionedModel, this.locks, this.relay, programmeIdOf(dto.provinceCode, dto.code), (version) => ({
      fields: { ...dto, updatedBy: by },
      topic: Catalog.TOPIC,
      events: [Catalog.envelope({ source: 'indicators', correlationId: currentCorrelationId(), data: { kind: 'programme-saved', provinceCode: dto.provinceCode, code: dto.code, version, targets: dto.targets.length } })],
    }));
    this.relay.nudge();
    await this.generations.bump(CATALOG_GENERATION);
    return this.get(dto.provinceCode, dto.code);
  }

  async get(provinceCode: string, code: string): Promise<Programme> {
    const programme = await this.programmes.findById(programmeIdOf(provinceCode, code), { outbox: 0, outboxCount: 0, outboxPending: 0 }).lean<Programme>().exec();
    if (!programme) throw new NotFoundException(`programme ${code} of province ${provinceCode} not found`);
    return programme;
  }

  list(provinceCode: string): Promise<Programme[]> {
    return this.programmes.find({ provinceCode }, { outbox: 0, outboxCount: 0, outboxPending: 0 }).sort({ code: 1 }).lean<Programme[]>().exec();
  }
}
