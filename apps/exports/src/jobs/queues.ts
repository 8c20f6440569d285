/** The exports service's bull queues and their jobs. */
export const Queues = {
  /** One job per export: `{ exportId }`, with the export's id as bull's job id. */
  Exports: 'exports',
  /** The retention sweep, hourly. */
  Housekeeping: 'exports-housekeeping',
} as const;

export interface ExportWork {
  exportId: string;
}
