import { z } from 'zod';
import { envelopeFactory, envelopeSchemaOf, EventEnvelope } from '../envelope/event-envelope';
import { Topics } from '../topics';

/**
 * `reports.working-calendar.v1`: a province changed its working calendar (its own days off and
 * working days on top of Vietnam's shipped holidays, libs/domain). Keyed by province on a compacted
 * topic, so the latest calendar of every province stays on the log for a service that starts later;
 * `version` rises with every change, so a consumer keeps the highest it has seen and a repeat or an
 * older event changes nothing. Every service computes working days from the same shipped data plus
 * these overrides, so a deadline and a late flag agree everywhere.
 */
export const TOPIC = Topics.WorkingCalendarV1;
export const TYPE = 'reports.working-calendar';
export const VERSION = 1;

export const Override = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** true: a working day (even a Saturday); false: a day off. */
  working: z.boolean(),
  reason: z.string().min(1).max(300),
});
export type Override = z.infer<typeof Override>;

export const Payload = z.object({
  kind: z.enum(['saved']),
  provinceCode: z.string().min(1),
  /** The province's whole list: it replaces the previous one. */
  overrides: z.array(Override).max(400),
  version: z.number().int().positive(),
});
export type Payload = z.infer<typeof Payload>;

export const Envelope = envelopeSchemaOf(TYPE, VERSION, Payload);
export type Envelope = EventEnvelope<typeof TYPE, Payload>;

export const keyOf = (p: Pick<Payload, 'provinceCode'>): string => p.provinceCode;

export const envelope = envelopeFactory<typeof TYPE, Payload>(TYPE, VERSION, keyOf);
