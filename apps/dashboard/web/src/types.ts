/** The shapes the services answer with, as far as the page reads them. */
export interface StatusCounts {
  total: number;
  achieved: number;
  notAchieved: number;
  notMeasurable: number;
  onTrack: number;
  atRisk: number;
}

export interface TargetScore {
  indicatorCode: string;
  pillar: string;
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

export interface Scorecard {
  programmeCode: string;
  programmeNameVi: string;
  programmeNameEn: string;
  period: string;
  summary: { ratio: string; vi: string; en: string };
  overall: StatusCounts;
  pillars: Array<{ pillar: string; nameVi: string; nameEn: string; counts: StatusCounts; summary: { ratio: string } }>;
  targets: TargetScore[];
  /** Present when some figure awaits approval of a report or of a correction. */
  provisionalNote?: { en: string; vi: string };
}

export interface Programme {
  code: string;
  nameVi: string;
  nameEn: string;
  targets: Array<{ indicatorCode: string; year: number; value: number; comparison: string; pillar: string }>;
}

export interface IndicatorDefinition {
  code: string;
  nameVi: string;
  nameEn: string;
  unitOfMeasure: string;
  kind: string;
  direction: 'higher-is-better' | 'lower-is-better';
}

export interface Ranking {
  total: number;
  direction: string;
  items: Array<{ unitCode: string; value: number | null; rank: number | null }>;
}

export interface Unit {
  id: string;
  name: string;
  level: 'province' | 'department' | 'district' | 'commune';
}

export interface ReportForm {
  code: string;
  nameVi: string;
  nameEn: string;
  periodType: 'year' | 'nine-months' | 'half-year' | 'quarter' | 'month';
}

export interface ReportingRates {
  period: string;
  province: { expected: number; received: number; onTime: number };
  units: Array<{ unitCode: string; name: string; level: string; received: boolean; onTime: boolean }>;
}

export interface Obligation {
  _id: string;
  unitCode: string;
  formCode: string;
  period: string;
  deadline: string;
  state: 'open' | 'late' | 'submitted' | 'returned' | 'approved';
}

export interface ExportJob {
  id: string;
  status: 'queued' | 'running' | 'completed' | 'failed' | 'expired';
  progress: number;
  fileName?: string;
  downloadPath?: string;
  reason?: string;
  reasonVi?: string;
}


/** One change by a person or a key, as a service's audit log keeps it (GET /api/v1/audit). */
export interface AuditEntry {
  _id: string;
  at: string;
  service: string;
  provinceCode: string;
  actor: { kind: string; id: string; roles: string[]; unitCode?: string };
  actorRef: string;
  action: string;
  objectType: string;
  objectId: string;
  changes: Record<string, { before?: unknown; after?: unknown }>;
  correlationId: string | null;
}

export interface AuditPage {
  items: AuditEntry[];
  page: number;
}
