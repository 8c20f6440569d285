import { Inject, Injectable } from '@nestjs/common';
import { StatusCounts } from '@dtp/domain';
import { OfficialTokens } from '@dtp/platform';
import { ExportFailure } from '../documents/export-document';
import { EXPORTS_CONFIG, ExportsConfig } from '../config';

export interface ScorecardTarget {
  indicatorCode: string;
  pillar: string;
  /** Where the unit's target comes from (absent from services before targets per level). */
  appliesTo?: 'unit' | 'level' | 'every-level';
  target: number;
  comparison: 'at-least' | 'at-most' | 'done';
  actual: number | null;
  status: 'achieved' | 'not-achieved' | 'not-measurable';
  gap: number | null;
  progress?: 'on-track' | 'at-risk';
  change?: number;
  provisional?: boolean;
  approvedActual?: number | null;
}

export interface ScorecardView {
  programmeCode: string;
  programmeNameVi: string;
  programmeNameEn: string;
  unitCode: string;
  period: string;
  summary: { ratio: string; vi: string; en: string };
  /** `none`: the programme sets the unit no targets that year, and `note` says so in both languages. */
  targetsFor?: string;
  note?: { en: string; vi: string };
  overall: StatusCounts;
  pillars: Array<{ pillar: string; nameVi: string; nameEn: string; counts: StatusCounts; summary: { ratio: string; vi: string } }>;
  targets: ScorecardTarget[];
  /** Absent from indicators services older than provisional figures. */
  provisionalNote?: { en: string; vi: string };
}

export interface RankingPage {
  provinceCode: string;
  indicatorCode: string;
  period: string;
  direction: string;
  total: number;
  page: number;
  pageSize: number;
  items: Array<{ unitCode: string; value: number | null; rank: number | null }>;
}

export interface ReportingRatesView {
  provinceCode: string;
  formCode: string;
  period: string;
  cutOff: string;
  province: { expected: number; received: number; onTime: number; completeness: number; timeliness: number };
  levels: Array<{ level: string; expected: number; received: number; onTime: number; completeness: number; timeliness: number }>;
  units: Array<{ unitCode: string; name: string; level: string; received: boolean; onTime: boolean }>;
}

export interface UnitView {
  id: string;
  name: string;
  level: 'province' | 'department' | 'district' | 'commune';
  validFrom?: string;
  validTo?: string;
  parents: Array<{ parentId: string }>;
}

export interface IndicatorView {
  code: string;
  nameVi: string;
  unitOfMeasure: string;
  kind: string;
}

/**
 * The indicators service's read API, the source of every scorecard figure in an export. A
 * refusal (400, 404) ends the export with the service's own words; a service that is down or
 * failing is an ordinary error, which the job retries.
 */
@Injectable()
export class IndicatorsClient {
  private readonly tokens: OfficialTokens;

  constructor(@Inject(EXPORTS_CONFIG) private readonly config: Pick<ExportsConfig, 'INDICATORS_URL' | 'JWT_SECRET'>) {
    this.tokens = new OfficialTokens(config.JWT_SECRET, 300);
  }

  scorecard(provinceCode: string, programmeCode: string, unitCode: string, period: string): Promise<ScorecardView> {
    return this.get(`/api/v1/scorecards/${seg(provinceCode)}/${seg(programmeCode)}/${seg(unitCode)}/${seg(period)}`);
  }

  /** Every page of a ranking, in rank order. */
  async ranking(provinceCode: string, indicatorCode: string, period: string, level?: string): Promise<RankingPage> {
    const pages: RankingPage[] = [];
    for (let page = 1; ; page++) {
      const query = new URLSearchParams({ page: String(page), pageSize: '200', ...(level ? { level } : {}) });
      const answer = await this.get<RankingPage>(`/api/v1/rankings/${seg(provinceCode)}/${seg(indicatorCode)}/${seg(period)}?${query}`);
      pages.push(answer);
      if (page * answer.pageSize >= answer.total || answer.items.length === 0) break;
    }
    return { ...pages[0], items: pages.flatMap((p) => p.items) };
  }

  /**
   * Reporting rates are read by the province's officials only. An export runs after its
   * requester's request, perhaps after their token expired, so the service reads as a reviewer
   * of the job's province with a token of its own, short-lived and confined to that province.
   */
  async reportingRates(provinceCode: string, formCode: string, period: string): Promise<ReportingRatesView> {
    const token = await this.tokens.issue({ kind: 'official', username: 'service:exports', roles: ['reviewer'], provinceCode });
    return this.get(`/api/v1/reporting-rates/${seg(provinceCode)}/${seg(formCode)}/${seg(period)}`, { authorization: `Bearer ${token}` });
  }

  /** Units as the hierarchy stood on a date (all, with validity, when no date is given). */
  units(on?: string): Promise<UnitView[]> {
    return this.get(`/api/v1/units${on ? `?on=${on}` : ''}`);
  }

  indicators(provinceCode: string): Promise<IndicatorView[]> {
    return this.get(`/api/v1/indicators/${seg(provinceCode)}`);
  }

  private async get<T>(path: string, headers: Record<string, string> = {}): Promise<T> {
    const response = await fetch(new URL(path, this.config.INDICATORS_URL), { signal: AbortSignal.timeout(30_000), headers: { accept: 'application/json', ...headers } });
    if (response.ok) return (await response.json()) as T;
    if (response.status >= 400 && response.status < 500) {
      const problem = (await response.json().catch(() => ({}))) as { detail?: string; vi?: { detail?: string } };
      throw new ExportFailure(problem.detail ?? `the indicators service answered ${response.status}`, problem.vi?.detail ?? `dịch vụ chỉ tiêu trả lời ${response.status}`);
    }
    throw new Error(`indicators service answered ${response.status} for ${path}`);
  }
}

const seg = (s: string) => encodeURIComponent(s);
