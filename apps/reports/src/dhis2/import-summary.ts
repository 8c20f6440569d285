/** DHIS2's answer to a data value set import (Web API, dataValueSets), as its clients read it. */
export interface ImportConflict {
  object: string;
  value: string;
  errorCode: string;
  property: string;
  indexes: number[];
}

export interface ImportSummary {
  responseType: 'ImportSummary';
  status: 'SUCCESS' | 'WARNING' | 'ERROR';
  importOptions: { dryRun: boolean; importStrategy: string; idSchemes: { idScheme: string } };
  description: string;
  importCount: { imported: number; updated: number; ignored: number; deleted: number };
  conflicts: ImportConflict[];
  dataSetComplete: string;
}

/** DHIS2 2.38+ wraps the summary in a web message; ERROR answers 409 Conflict. */
export interface ImportWebMessage {
  httpStatus: 'OK' | 'Conflict';
  httpStatusCode: 200 | 409;
  status: 'OK' | 'WARNING' | 'ERROR';
  message: string;
  response: ImportSummary;
}

export function webMessageOf(summary: ImportSummary): ImportWebMessage {
  const error = summary.status === 'ERROR';
  return {
    httpStatus: error ? 'Conflict' : 'OK',
    httpStatusCode: error ? 409 : 200,
    status: summary.status === 'SUCCESS' ? 'OK' : summary.status,
    message: error ? 'One or more conflicts encountered, please check import summary.' : 'Import was successful.',
    response: summary,
  };
}
