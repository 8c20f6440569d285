import { CalendarOverride, isWorkingDay } from '@dtp/domain';
import { CachedWorkingCalendars, WORKING_CALENDAR_TTL_MS } from './working-calendars';

describe('the provinces’ working calendars, cached', () => {
  const dayOff: CalendarOverride = { date: '2025-03-03', working: false, reason: 'Quyết định của UBND tỉnh' };

  const setUp = (stored: Record<string, CalendarOverride[]>) => {
    const reads: string[] = [];
    const calendars = new CachedWorkingCalendars(async (province) => {
      reads.push(province);
      if (province === 'down') throw new Error('store unreachable');
      return stored[province] ?? null;
    }, { holidays: ['2025-06-09'], workingWeekendDays: [] });
    return { calendars, reads };
  };

  afterEach(() => jest.useRealTimers());

  it("computes each province with the shipped days, the deployment's extra days and its own overrides", async () => {
    const { calendars } = setUp({ '20': [dayOff] });
    const [langSon, haTinh] = await Promise.all([calendars.of('20'), calendars.of('42')]);
    expect([isWorkingDay('2025-03-03', langSon), isWorkingDay('2025-03-03', haTinh)]).toEqual([false, true]);
    for (const cal of [langSon, haTinh]) expect([isWorkingDay('2025-01-29', cal), isWorkingDay('2025-06-09', cal), isWorkingDay('2025-04-26', cal)]).toEqual([false, false, true]);
  });

  it('reads a province once per TTL, again after it, and at once after forget', async () => {
    jest.useFakeTimers({ now: new Date('2026-01-05T02:00:00Z') });
    const stored: Record<string, CalendarOverride[]> = {};
    const { calendars, reads } = setUp(stored);
    expect(isWorkingDay('2025-03-03', await calendars.of('20'))).toBe(true);
    stored['20'] = [dayOff];
    expect(isWorkingDay('2025-03-03', await calendars.of('20'))).toBe(true);
    jest.setSystemTime(Date.now() + WORKING_CALENDAR_TTL_MS);
    expect(isWorkingDay('2025-03-03', await calendars.of('20'))).toBe(false);
    stored['20'] = [];
    calendars.forget('20');
    expect(isWorkingDay('2025-03-03', await calendars.of('20'))).toBe(true);
    expect(reads).toEqual(['20', '20', '20']);
  });

  it('does not keep a failed read', async () => {
    const { calendars, reads } = setUp({});
    await expect(calendars.of('down')).rejects.toThrow('store unreachable');
    await expect(calendars.of('down')).rejects.toThrow('store unreachable');
    expect(reads).toEqual(['down', 'down']);
  });
});
