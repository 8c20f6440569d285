import fc from 'fast-check';
import { totalsFromContributions } from '../aggregation/contribution';
import { describeProvisional, figureStanding } from './provisional-figures';

describe('provisional figures', () => {
  it('calls a figure final when every unit it counts is approved, without asking for the approved figure', () => {
    const approvedActual = jest.fn(() => 0.874);
    expect(figureStanding(totalsFromContributions([{ numerator: 874, denominator: 1000 }]), approvedActual)).toEqual({ provisional: false, provisionalUnits: 0, correctingUnits: 0 });
    expect(figureStanding(undefined, approvedActual)).toEqual({ provisional: false, provisionalUnits: 0, correctingUnits: 0 });
    expect(approvedActual).not.toHaveBeenCalled();
  });

  it('gives the approved figure beside a figure under correction or awaiting approval', () => {
    const totals = totalsFromContributions([{ value: 3, standing: 'correcting' }, { value: 4, standing: 'provisional' }, { value: 5, standing: 'provisional' }, { value: 1 }]);
    expect(figureStanding(totals, () => 4)).toEqual({ provisional: true, provisionalUnits: 2, correctingUnits: 1, approvedActual: 4 });
  });

  it('says how many of the figures are provisional and why, in both languages', () => {
    const final = { provisional: false, provisionalUnits: 0, correctingUnits: 0 };
    const awaiting = { provisional: true, provisionalUnits: 3, correctingUnits: 0, approvedActual: 0.8 };
    const correcting = { provisional: true, provisionalUnits: 0, correctingUnits: 1, approvedActual: 0.874 };
    expect(describeProvisional([final, final])).toEqual({ provisional: false, provisionalTargets: 0 });
    expect(describeProvisional([final, correcting])).toEqual({
      provisional: true,
      provisionalTargets: 1,
      provisionalNote: {
        en: '1 of 2 figures is provisional: 1 keeps the approved figures while a correction awaits approval',
        vi: '1/2 chỉ tiêu có số liệu tạm thời: 1 chỉ tiêu giữ số liệu đã phê duyệt trong khi chờ phê duyệt bản điều chỉnh',
      },
    });
    expect(describeProvisional([awaiting, awaiting, correcting, final]).provisionalNote).toEqual({
      en: '3 of 4 figures are provisional: 2 count reports not yet approved; 1 keeps the approved figures while a correction awaits approval',
      vi: '3/4 chỉ tiêu có số liệu tạm thời: 2 chỉ tiêu gồm số liệu chưa được phê duyệt; 1 chỉ tiêu giữ số liệu đã phê duyệt trong khi chờ phê duyệt bản điều chỉnh',
    });
  });

  it('counts as provisional exactly the figures with a unit awaiting approval or under correction', () => {
    const figure = fc.record({ provisionalUnits: fc.nat(3), correctingUnits: fc.nat(3) }).map((f) => ({ ...f, provisional: f.provisionalUnits + f.correctingUnits > 0 }));
    fc.assert(
      fc.property(fc.array(figure, { maxLength: 20 }), (figures) => {
        const summary = describeProvisional(figures);
        expect(summary.provisionalTargets).toBe(figures.filter((f) => f.provisionalUnits > 0 || f.correctingUnits > 0).length);
        expect(summary.provisional).toBe(summary.provisionalTargets > 0);
        expect(summary.provisionalNote === undefined).toBe(!summary.provisional);
        if (summary.provisionalNote) expect(summary.provisionalNote.vi).not.toMatch(/provisional|approv|correction|figure/i);
      }),
    );
  });
});
