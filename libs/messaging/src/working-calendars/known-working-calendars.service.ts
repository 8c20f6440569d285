import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { WorkingCalendar as WorkingCalendarEvent } from '@dtp/contracts';
import { WorkingCalendar } from '@dtp/domain';
import { Model } from 'mongoose';
import { KnownWorkingCalendar } from './known-working-calendar.schema';
import { CachedWorkingCalendars, DEPLOYMENT_DAYS, DeploymentDays, WorkingCalendars } from './working-calendars';

/** The provinces' calendars as a consuming service knows them; a consumer of `reports.working-calendar.v1` applies to it. */
@Injectable()
export class KnownWorkingCalendars extends WorkingCalendars {
  private readonly calendars: CachedWorkingCalendars;

  constructor(
    @InjectModel(KnownWorkingCalendar.name) private readonly known: Model<KnownWorkingCalendar>,
    @Inject(DEPLOYMENT_DAYS) extra: DeploymentDays,
  ) {
    super();
    this.calendars = new CachedWorkingCalendars(async (provinceCode) => (await this.known.findById(provinceCode, { overrides: 1 }).lean<KnownWorkingCalendar>().exec())?.overrides ?? null, extra);
  }

  of(provinceCode: string): Promise<WorkingCalendar> {
    return this.calendars.of(provinceCode);
  }

  /**
   * Keeps the highest version seen: a repeat or an older event changes nothing. Returns whether the
   * event's version is the one now kept (applied now, or a repeat of it): the caller recomputes what
   * depends on the calendar then, so a recomputation that failed is done again on redelivery, and
   * never for an older version.
   */
  async apply(event: WorkingCalendarEvent.Envelope): Promise<boolean> {
    const { provinceCode, overrides, version } = event.data;
    const { matchedCount } = await this.known.updateOne({ _id: provinceCode, version: { $lt: version } }, { $set: { overrides, version } });
    let changed = matchedCount === 1;
    if (!changed) {
      try {
        await this.known.collection.insertOne({ _id: provinceCode as never, overrides, version });
        changed = true;
      } catch (error) {
        // Already there with this version or a newer one.
        if ((error as { code?: number }).code !== 11000) throw error;
      }
    }
    if (changed) {
      this.calendars.forget(provinceCode);
      return true;
    }
    const kept = await this.known.findById(provinceCode, { version: 1 }).lean<Pick<KnownWorkingCalendar, 'version'>>().exec();
    return kept?.version === version;
  }
}
