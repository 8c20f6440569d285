import { OutboxPublisherFor } from '@dtp/messaging';
import { ProvinceCalendar } from './schemas/province-calendar.schema';

/** Publishes the provinces' calendar changes (reports.working-calendar.v1) for as long as the app runs. */
export class WorkingCalendarOutboxRelay extends OutboxPublisherFor(ProvinceCalendar.name) {}
