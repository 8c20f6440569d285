import { ExportFailure } from '../export-document';
import { ScorecardView } from '../../sources/indicators.client';
import { BuildContext } from './build-context';
import { scorecardDocument } from './scorecard.document';

const counts = (achieved: number, notAchieved: number, notMeasurable: number) => ({ total: achieved + notAchieved + notMeasurable, achieved, notAchieved, notMeasurable, onTrack: 0, atRisk: 0 });

const view = (targets: ScorecardView['targets']): ScorecardView => ({
  programmeCode: '49-NQ-TU',
  programmeNameVi: 'Nghị quyết 49-NQ/TU',
  programmeNameEn: 'Resolution 49-NQ/TU',
  unitCode: '20',
  period: '2025',
  summary: { ratio: '1/2', vi: '1/2 chỉ tiêu đạt', en: '1/2 achieved' },
  overall: counts(1, 1, 0),
  pillars: [
    { pillar: 'gov', nameVi: 'Chính quyền số', nameEn: 'Digital government', counts: counts(1, 0, 0), summary: { ratio: '1/1', vi: '' } },
    { pillar: 'soc', nameVi: 'Xã hội số', nameEn: 'Digital society', counts: counts(0, 1, 0), summary: { ratio: '0/1', vi: '' } },
  ],
  targets,
});

const context: BuildContext = {
  request: { kind: 'scorecard', format: 'xlsx', provinceCode: '20' },
  today: '2026-02-05',
  provinceName: 'Lạng Sơn',
  units: new Map([['20', { id: '20', name: 'Lạng Sơn', level: 'province', parents: [] }]]),
  indicators: new Map([
    ['DOSSIERS', { code: 'DOSSIERS', nameVi: 'Tỷ lệ hồ sơ số hóa', unitOfMeasure: '%', kind: 'ratio' }],
    ['VILLAGES', { code: 'VILLAGES', nameVi: 'Thôn chưa có sóng', unitOfMeasure: 'thôn', kind: 'count' }],
    ['ECONOMY', { code: 'ECONOMY', nameVi: 'Tỷ trọng kinh tế số trong GRDP', unitOfMeasure: '%', kind: 'province-percentage' }],
    ['DTI_RANK', { code: 'DTI_RANK', nameVi: 'Xếp hạng DTI', unitOfMeasure: 'hạng', kind: 'rank' }],
  ]),
};

const collect = async (rows: AsyncIterable<unknown[]>) => {
  const all: unknown[][] = [];
  for await (const row of rows) all.push(row);
  return all;
};

describe('scorecardDocument', () => {
  const targets: ScorecardView['targets'] = [
    { indicatorCode: 'DOSSIERS', pillar: 'gov', target: 0.8, comparison: 'at-least', actual: 0.8603, status: 'achieved', gap: 0.0603, change: 0.021, trend: [] } as never,
    { indicatorCode: 'VILLAGES', pillar: 'soc', target: 10, comparison: 'at-most', actual: 13, status: 'not-achieved', gap: -3, progress: 'at-risk' } as never,
  ];

  it('puts each pillar in its own group, ratios as percentages, counts as they are', async () => {
    const document = scorecardDocument(view(targets), context);
    expect(document.details.groups.map((g) => [g.name, g.title])).toEqual([
      ['Chính quyền số', '1. Chính quyền số (1/1)'],
      ['Xã hội số', '2. Xã hội số (0/1)'],
    ]);
    const decimal = (number: number | null) => number;
    const integer = (number: number | null) => ({ number, kind: 'integer' });
    expect(await collect(document.details.groups[0].rows())).toEqual([['Chính quyền số', 'DOSSIERS', 'Tỷ lệ hồ sơ số hóa', '%', 'Tối thiểu', decimal(80), decimal(86.03), decimal(6.03), 'achieved', null, decimal(2.1)]]);
    expect(await collect(document.details.groups[1].rows())).toEqual([['Xã hội số', 'VILLAGES', 'Thôn chưa có sóng', 'thôn', 'Tối đa', integer(10), integer(13), integer(-3), 'not-achieved', 'Có nguy cơ không đạt', integer(null)]]);
    expect(document.summary!.rows.at(-1)).toEqual(['Tổng cộng', 1, 1, 0, 0, 2, '1/2']);
    expect(document.letterhead).toMatchObject({ agencyParent: 'UBND TỈNH LẠNG SƠN', place: 'Lạng Sơn', date: '2026-02-05' });
    expect(document.fileName).toBe('Bảng điểm Nghị quyết 49-NQ/TU năm 2025 – Lạng Sơn');
  });

  it('prints a province-level percentage as entered, not times 100, and ranks as whole numbers (the review\'s 1.252 against 2.000)', async () => {
    const document = scorecardDocument(
      view([
        { indicatorCode: 'ECONOMY', pillar: 'gov', target: 20, comparison: 'at-least', actual: 12.52, status: 'not-achieved', gap: -7.48, trend: [] } as never,
        { indicatorCode: 'DTI_RANK', pillar: 'gov', target: 10, comparison: 'at-most', actual: 6, status: 'achieved', gap: 4, trend: [] } as never,
      ]),
      context,
    );
    const rows = (await collect(document.details.groups[0].rows())) as unknown[][];
    expect(rows.map((r) => r.slice(3, 8))).toEqual([
      ['%', 'Tối thiểu', 20, 12.52, -7.48],
      ['', 'Tối đa', { number: 10, kind: 'integer' }, { number: 6, kind: 'integer' }, { number: 4, kind: 'integer' }],
    ]);
  });

  it('sends to the districts\' committees while the province has districts, to the communes\' once they were abolished (1/7/2025)', () => {
    const district = { id: '180', name: 'Huyện Tràng Định', level: 'district' as const, validTo: '2025-06-30', parents: [{ parentId: '20' }] };
    const withDistrict = (today: string): BuildContext => ({ ...context, today, units: new Map([...context.units, ['180', district]]) });
    const recipients = (today: string) => scorecardDocument(view(targets), withDistrict(today)).letterhead.recipients.join(' ');
    expect(recipients('2025-03-01')).toContain('UBND các huyện, thành phố');
    expect(recipients('2026-02-05')).toContain('UBND các xã, phường');
    expect(recipients('2026-02-05')).not.toContain('huyện');
  });

  it('says in the lead which figures are provisional, and nothing when all are final', () => {
    const vi = '1/2 chỉ tiêu có số liệu tạm thời: 1 chỉ tiêu giữ số liệu đã phê duyệt trong khi chờ phê duyệt bản điều chỉnh';
    const provisional = scorecardDocument({ ...view(targets), provisionalNote: { en: '1 of 2 figures is provisional', vi } }, context);
    expect(provisional.lead).toEqual(['Tính đến năm 2025, Lạng Sơn có 1/2 chỉ tiêu đạt.', `Lưu ý: ${vi}.`]);
    expect(scorecardDocument(view(targets), context).lead).toHaveLength(1);
  });

  it('refuses a period with no reported figure, or a programme with no target, in both languages', () => {
    const none = targets.map((t) => ({ ...t, actual: null, status: 'not-measurable' as const }));
    expect(() => scorecardDocument(view(none), context)).toThrow(new ExportFailure('no figures have been reported for 2025: nothing to export', ''));
    expect(() => scorecardDocument(view([]), context)).toThrow(/has no targets for 2025/);
  });

  it('ends a unit the programme sets no targets for with the indicators service’s note, in both languages', () => {
    const note = { en: 'Programme 49-NQ-TU sets no targets for this unit (commune level) in 2025', vi: 'Chương trình 49-NQ-TU không giao chỉ tiêu cho đơn vị này (cấp xã) năm 2025' };
    const failure = (() => {
      try {
        scorecardDocument({ ...view([]), unitCode: '06100', targetsFor: 'none', note }, context);
      } catch (error) {
        return error as ExportFailure;
      }
      return undefined;
    })();
    expect(failure).toBeInstanceOf(ExportFailure);
    expect([failure?.message, failure?.messageVi]).toEqual([note.en, note.vi]);
  });
});
