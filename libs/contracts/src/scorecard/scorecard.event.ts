import { z } from 'zod';
import { envelopeFactory, envelopeSchemaOf, EventEnvelope, unitPeriodKey } from '../envelope/event-envelope';
import { Topics } from '../topics';

/** `indicators.scorecard.v1`: an aggregate or a target's status changed for a unit and period. */
export const TOPIC = Topics.IndicatorScorecardV1;
export const TYPE = 'indicators.scorecard';
export const VERSION = 1;

export const Payload = z.object({
  kind: z.enum(['aggregate-changed']),
  provinceCode: z.string().min(1),
  unitCode: z.string().min(1),
  indicatorCode: z.string().min(1),
  period: z.string().min(4),
  value: z.number().nullable(),
  reportingUnits: z.number().int().nonnegative(),
});
export type Payload = z.infer<typeof Payload>;

export const Envelope = envelopeSchemaOf(TYPE, VERSION, Payload);
export type Envelope = EventEnvelope<typeof TYPE, Payload>;

export const keyOf: (p: Pick<Payload, 'provinceCode' | 'unitCode' | 'period'>) => string = unitPeriodKey;

export const envelope = envelopeFactory<typeof TYPE, Payload>(TYPE, VERSION, keyOf);
