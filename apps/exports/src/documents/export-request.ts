import { ExportJob } from '@dtp/contracts';
import { Letterhead } from './export-document';

/** What an official asked to export: the kind decides which of the fields it needs. */
export interface ExportRequest {
  kind: ExportJob.Kind;
  format: ExportJob.Format;
  provinceCode: string;
  programmeCode?: string;
  unitCode?: string;
  period?: string;
  indicatorCode?: string;
  formCode?: string;
  year?: number;
  unitCodes?: string[];
  level?: 'department' | 'district' | 'commune';
  letterhead?: Partial<Omit<Letterhead, 'date'>>;
}

/** The fields each kind needs; a missing one is named in the refusal. */
export const REQUIRED_FIELDS: Record<ExportJob.Kind, Array<keyof ExportRequest>> = {
  scorecard: ['programmeCode', 'period'],
  ranking: ['indicatorCode', 'period'],
  'reporting-rates': ['formCode', 'period'],
  submission: ['unitCode', 'formCode', 'period'],
  'raw-values': ['year'],
};

/** Kinds too long to be a document someone signs. */
export const FORMATS_REFUSED: Partial<Record<ExportJob.Kind, ExportJob.Format[]>> = {
  'raw-values': ['docx'],
};
