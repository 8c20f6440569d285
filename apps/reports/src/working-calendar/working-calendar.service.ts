import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { WorkingCalendar as WorkingCalendarEvent } from '@dtp/contracts';
import { CalendarOverride, overrideProblems, provinceYearCalendar, WorkingCalendar } from '@dtp/domain';
import { CachedWorkingCalendars, DEPLOYMENT_DAYS, DeploymentDays, DocumentLocks, VersionedModel, WorkingCalendars, writeVersioned } from '@dtp/messaging';
import { currentCorrelationId, fieldsRefusal } from '@dtp/platform';
import { Model } from 'mongoose';
import { WorkingCalendarDto, WorkingCalendarViewDto } from './dto/working-calendar.dto';
import { ProvinceCalendar } from './schemas/province-calendar.schema';
import { WorkingCalendarOutboxRelay } from './working-calendar-outbox.relay';

/** The provinces' calendars at their source: the admin edits them here, deadlines here and elsewhere follow. */
@Injectable()
export class WorkingCalendarService extends WorkingCalendars {
  private readonly calendars: CachedWorkingCalendars;

  constructor(
    @InjectModel(ProvinceCalendar.name) private readonly stored: Model<ProvinceCalendar>,
    @Inject(DEPLOYMENT_DAYS) private readonly extra: DeploymentDays,
    private readonly locks: DocumentLocks,
    private readonly relay: WorkingCalendarOutboxRelay,
  ) {
    super();
    this.calendars = new CachedWorkingCalendars(async (provinceCode) => (await this.read(provinceCode))?.overrides ?? null, extra);
  }

  of(provinceCode: string): Promise<WorkingCalendar> {
    return this.calendars.of(provinceCode);
  }

  async view(provinceCode: string, year: number): Promise<WorkingCalendarViewDto> {
    const stored = await this.read(provinceCode);
    const overrides = stored?.overrides ?? [];
    return { provinceCode, version: stored?.version ?? 0, overrides, ...provinceYearCalendar(year, overrides, this.extra) };
  }

  /** Replaces the province's list and announces it in the same write; a list with a problem is refused whole. */
  async save(provinceCode: string, dto: WorkingCalendarDto, by: string, year: number): Promise<WorkingCalendarViewDto> {
    const overrides: CalendarOverride[] = dto.overrides.map((o) => ({ date: o.date, working: o.working, reason: typeof o.reason === 'string' ? o.reason.trim() : o.reason }));
    const problems = overrideProblems(overrides);
    if (problems.length > 0) throw fieldsRefusal(422, 'invalid-working-calendar', problems);
    overrides.sort((a, b) => (a.date < b.date ? -1 : 1));
    await writeVersioned(this.stored as unknown as VersionedModel, this.locks, this.relay, provinceCode, (version) => ({
      fields: { overrides, updatedBy: by },
      topic: WorkingCalendarEvent.TOPIC,
      events: [WorkingCalendarEvent.envelope({ source: 'reports', correlationId: currentCorrelationId(), data: { kind: 'saved', provinceCode, overrides, version } })],
    }));
    this.relay.nudge();
    this.calendars.forget(provinceCode);
    return this.view(provinceCode, year);
  }

  private read(provinceCode: string): Promise<Pick<ProvinceCalendar, 'overrides' | 'version'> | null> {
    return this.stored.findById(provinceCode, { overrides: 1, version: 1 }).lean<ProvinceCalendar>().exec();
  }
}
