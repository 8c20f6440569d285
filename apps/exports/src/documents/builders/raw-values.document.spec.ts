import { SubmissionCopy } from '../../sources/schemas/submission-copy.schema';
import { displayCell } from '../cell-display';
import { BuildContext } from './build-context';
import { RAW_VALUES_COLUMNS, rawValuesDocument } from './raw-values.document';

const context: BuildContext = {
  request: { kind: 'raw-values', format: 'xlsx', provinceCode: '20', year: 2025 },
  today: '2026-02-05',
  provinceName: 'Lạng Sơn',
  units: new Map([['180', { id: '180', name: 'UBND huyện Tràng Định', level: 'district', parents: [{ parentId: '20' }] }]]),
  indicators: new Map([['BTS', { code: 'BTS', nameVi: 'Số trạm BTS', unitOfMeasure: 'trạm', kind: 'count' }]]),
};

const copy = (status: SubmissionCopy['status']): SubmissionCopy =>
  ({ _id: `20:180:F1:2025Q1:${status}`, provinceCode: '20', unitCode: '180', formCode: 'F1', period: '2025Q1', year: 2025, revision: 2, status, late: false, changedAt: new Date('2025-03-20T01:00:00Z'), values: [{ indicatorCode: 'BTS', value: 12 }], valueCount: 1 }) as SubmissionCopy;

describe('the raw values of a province-year', () => {
  it('says each report’s state in Vietnamese under "Trạng thái" on paper, as the dashboard does, and keeps the code for machines (CSV)', async () => {
    const document = rawValuesDocument({ provinceCode: '20', year: 2025 }, 3, async function* () {
      for (const status of ['submitted', 'returned', 'approved'] as const) yield copy(status);
    }, context);
    const rows: unknown[][] = [];
    for await (const row of document.details!.groups[0]!.rows()) rows.push(row);
    const state = RAW_VALUES_COLUMNS.findIndex((c) => c.header === 'Trạng thái');
    expect(RAW_VALUES_COLUMNS[state]!.kind).toBe('status');
    // The cell holds the code (what the CSV writes); Excel, Word and PDF show it in words.
    expect(rows.map((r) => r[state])).toEqual(['submitted', 'returned', 'approved']);
    expect(rows.map((r) => displayCell('status', r[state] as string))).toEqual(['Đã gửi', 'Bị trả lại', 'Đã duyệt']);
    expect(rows[0]!.slice(0, 3)).toEqual(['180', 'UBND huyện Tràng Định', 'Huyện']);
  });
});
