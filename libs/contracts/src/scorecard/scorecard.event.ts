import { z } from 'zod';
import { envelopeFactory, envelopeSchemaOf, EventEnvelope, unitPeriodKey } from '../envelope/event-envelope';
import { Topics } from '../topics';

/**
 * `indicators.scorecard.v1`: for a unit and period, an aggregate that folds other units' reports
 * changed (`aggregate-changed`; a unit's own report alone is on reports.submission.v1),
 * a programme's target changed status, e.g. newly achieved (`target-status-changed`), or the
 * unit's report arrived after its deadline (`unit-late`).
 */
export const TOPIC = Topics.IndicatorScorecardV1;
export const TYPE = 'indicators.scorecard';
export const VERSION = 1;

const where = {
  provinceCode: z.string().min(1),
  unitCode: z.string().min(1),
  indicatorCode: z.string().min(1),
  period: z.string().min(4),
  value: z.number().nullable(),
};

export const TargetStatus = z.enum(['achieved', 'not-achieved', 'not-measurable']);

export const Payload = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('aggregate-changed'), ...where, reportingUnits: z.number().int().nonnegative() }),
  z.object({ kind: z.literal('target-status-changed'), ...where, programmeCode: z.string().min(1), target: z.number(), statusBefore: TargetStatus, statusAfter: TargetStatus }),
  z.object({ kind: z.literal('unit-late'), provinceCode: z.string().min(1), unitCode: z.string().min(1), period: z.string().min(4), formCode: z.string().min(1) }),
]);
export type Payload = z.infer<typeof Payload>;

export const Envelope = envelopeSchemaOf(TYPE, VERSION, Payload);
export type Envelope = EventEnvelope<typeof TYPE, Payload>;

export const keyOf: (p: Pick<Payload, 'provinceCode' | 'unitCode' | 'period'>) => string = unitPeriodKey;

export const envelope = envelopeFactory<typeof TYPE, Payload>(TYPE, VERSION, keyOf);
