import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { FieldProblem, problemOf } from '@dtp/platform';
import { Model } from 'mongoose';
import { ReportedValue } from '../submissions/schemas/submission.schema';
import { ActionRequest, SubmissionsService } from '../submissions/submissions.service';
import { DataValueSetDto, Dhis2MappingDto } from './dto/dhis2.dto';
import { ImportConflict, ImportSummary } from './import-summary';
import { DataElementMapping, Dhis2Mapping, ValuePart } from './schemas/dhis2-mapping.schema';

export interface ImportCaller {
  provinceCode: string;
  unitCode: string;
  by: string;
}

export interface ImportOptions {
  dryRun: boolean;
  importStrategy: string;
  idScheme: string;
}

interface Accepted {
  index: number;
  indicatorCode: string;
  part: ValuePart;
  value: number | boolean;
  outcome: 'imported' | 'updated' | 'ignored';
}

/**
 * DHIS2's `POST /api/dataValueSets`, so DHIS2-based systems post to the platform unchanged. Data
 * values are mapped onto a form's indicators, grouped by period into submissions, and stored
 * through the same validation and life cycle as the JSON API. A complete data set
 * (`completeDate`) is a submission; otherwise the values are saved as a draft (or as a new
 * revision of a report already submitted). Counts follow DHIS2: a value sent again unchanged is
 * ignored; a value refused is ignored and listed among the conflicts.
 */
@Injectable()
export class Dhis2ImportService {
  constructor(
    @InjectModel(Dhis2Mapping.name) private readonly mappings: Model<Dhis2Mapping>,
    private readonly submissions: SubmissionsService,
  ) {}

  async saveMapping(dto: Dhis2MappingDto): Promise<Dhis2Mapping> {
    const _id = `${dto.provinceCode}:${dto.dataSet}`;
    const doc = {
      provinceCode: dto.provinceCode,
      dataSet: dto.dataSet,
      formCode: dto.formCode,
      dataElements: dto.dataElements as DataElementMapping[],
      orgUnits: Object.fromEntries((dto.orgUnits ?? []).map((o) => [o.orgUnit, o.unitCode])),
    };
    return this.mappings.findOneAndUpdate({ _id }, { $set: doc }, { upsert: true, new: true }).lean<Dhis2Mapping>().exec();
  }

  async import(set: DataValueSetDto, caller: ImportCaller, options: ImportOptions): Promise<ImportSummary> {
    const conflicts: ImportConflict[] = [];
    const conflict = (object: string, value: string, errorCode: string, property: string, indexes: number[]) => conflicts.push({ object, value, errorCode, property, indexes });
    const summary = (accepted: Accepted[], complete: boolean): ImportSummary => summarise(set, options, accepted, conflicts, complete);

    if (options.importStrategy === 'DELETE') {
      conflict(set.dataSet, 'Deleting data values is not supported: send the corrected values instead', 'E7600', 'importStrategy', []);
      return summary([], false);
    }
    const mapping = await this.mappings.findById(`${caller.provinceCode}:${set.dataSet}`).lean<Dhis2Mapping>().exec();
    if (!mapping) {
      conflict(set.dataSet, 'Data set not found or not accessible', 'E7600', 'dataSet', set.dataValues.map((_, i) => i));
      return summary([], false);
    }

    const byPeriod = new Map<string, Array<Omit<Accepted, 'outcome'>>>();
    set.dataValues.forEach((dv, index) => {
      const period = dv.period ?? set.period;
      const orgUnit = dv.orgUnit ?? set.orgUnit;
      if (!period) return conflict('period', 'Data value has no period', 'E7611', 'period', [index]);
      const unit = orgUnit === undefined ? undefined : (mapping.orgUnits[orgUnit] ?? orgUnit);
      if (unit !== caller.unitCode) return conflict(orgUnit ?? 'orgUnit', `Organisation unit is not the caller’s (${caller.unitCode})`, 'E7617', 'orgUnit', [index]);
      const target = mappingFor(mapping.dataElements, dv.dataElement, dv.categoryOptionCombo);
      if (!target) return conflict(dv.dataElement, 'Data element not found or not accessible', 'E7610', 'dataElement', [index]);
      const value = parseValue(dv.value, target.part);
      if (value === undefined) return conflict(dv.value, `Value must match the type of ${target.indicatorCode} (${target.part})`, 'E7619', 'value', [index]);
      byPeriod.set(period, [...(byPeriod.get(period) ?? []), { index, indicatorCode: target.indicatorCode, part: target.part, value }]);
    });

    const accepted: Accepted[] = [];
    for (const [period, incoming] of byPeriod) {
      accepted.push(...(await this.importPeriod({ ...caller, formCode: mapping.formCode, period }, incoming, set, options, conflict)));
    }
    return summary(accepted, Boolean(set.completeDate));
  }

  private async importPeriod(
    ref: { provinceCode: string; unitCode: string; formCode: string; period: string; by: string },
    incoming: Array<Omit<Accepted, 'outcome'>>,
    set: DataValueSetDto,
    options: ImportOptions,
    conflict: (object: string, value: string, errorCode: string, property: string, indexes: number[]) => void,
  ): Promise<Accepted[]> {
    const submissionRef = { provinceCode: ref.provinceCode, unitCode: ref.unitCode, formCode: ref.formCode, period: ref.period };
    const current = await this.submissions.find(submissionRef);
    const values = new Map<string, ReportedValue>((current?.values ?? []).map((v) => [v.indicatorCode, { ...v }]));
    const outcomes: Accepted[] = incoming.map((item) => {
      const existing = values.get(item.indicatorCode)?.[item.part];
      const outcome = existing === undefined ? 'imported' : existing === item.value ? 'ignored' : 'updated';
      const allowed = outcome === 'ignored' || (outcome === 'imported' ? options.importStrategy !== 'UPDATE' && options.importStrategy !== 'UPDATES' : options.importStrategy !== 'CREATE' && options.importStrategy !== 'NEW');
      return { ...item, outcome: allowed ? outcome : 'ignored' };
    });
    for (const o of outcomes.filter((x) => x.outcome !== 'ignored')) {
      const value = values.get(o.indicatorCode) ?? { indicatorCode: o.indicatorCode };
      values.set(o.indicatorCode, { ...value, [o.part]: o.value });
    }
    const changed = outcomes.some((o) => o.outcome !== 'ignored');
    const action = set.completeDate || current?.status === 'submitted' ? 'submit' : 'save-draft';
    if (!changed && !(set.completeDate && current?.status !== 'submitted' && current?.status !== 'approved')) return outcomes;

    const request: ActionRequest = { action, actor: 'unit', by: ref.by, values: [...values.values()] };
    try {
      if (options.dryRun) await this.submissions.preview(submissionRef, request);
      else await this.submissions.act(submissionRef, request);
      return outcomes;
    } catch (error) {
      const problem = problemOf(error);
      if (problem.status >= 500) throw error;
      const indexes = incoming.map((i) => i.index);
      const problems: FieldProblem[] = problem.errors ?? [{ field: 'dataValueSet', message: problem.detail ?? problem.title, messageVi: problem.vi?.detail ?? problem.vi?.title ?? '' }];
      for (const p of problems) conflict(ref.period, p.message, 'E7600', p.field, indexes);
      return outcomes.map((o) => ({ ...o, outcome: 'ignored' }));
    }
  }
}

/** The mapping of a data element, preferring one made for its category option combo. */
function mappingFor(mappings: DataElementMapping[], dataElement: string, coc: string | undefined): DataElementMapping | undefined {
  const candidates = mappings.filter((m) => m.dataElement === dataElement);
  return candidates.find((m) => m.categoryOptionCombo != null && m.categoryOptionCombo === coc) ?? candidates.find((m) => m.categoryOptionCombo == null);
}

/** DHIS2 sends values as strings with a decimal point; milestones as true/false. */
function parseValue(raw: string, part: ValuePart): number | boolean | undefined {
  const text = raw.trim();
  if (part === 'done') return { true: true, false: false, '1': true, '0': false }[text.toLowerCase()];
  if (!/^-?\d+(\.\d+)?$/.test(text)) return undefined;
  return Number(text);
}

function summarise(set: DataValueSetDto, options: ImportOptions, accepted: Accepted[], conflicts: ImportConflict[], complete: boolean): ImportSummary {
  const count = (outcome: Accepted['outcome']) => accepted.filter((a) => a.outcome === outcome).length;
  const importCount = { imported: count('imported'), updated: count('updated'), ignored: set.dataValues.length - count('imported') - count('updated'), deleted: 0 };
  const stored = importCount.imported + importCount.updated;
  const status = conflicts.length === 0 ? 'SUCCESS' : stored > 0 ? 'WARNING' : 'ERROR';
  return {
    responseType: 'ImportSummary',
    status,
    importOptions: { dryRun: options.dryRun, importStrategy: options.importStrategy, idSchemes: { idScheme: options.idScheme } },
    description: status === 'ERROR' ? 'Import process completed with errors' : 'Import process completed successfully',
    importCount,
    conflicts,
    dataSetComplete: complete && status !== 'ERROR' ? (set.completeDate ?? 'true') : 'false',
  };
}
