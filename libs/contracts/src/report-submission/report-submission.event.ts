import { z } from 'zod';
import { envelopeFactory, envelopeSchemaOf, EventEnvelope } from '../envelope/event-envelope';
import { Topics } from '../topics';

/**
 * `reports.submission.v1`: a submission changed state. Keyed by province (docs/adr/0007): all of a
 * province's submissions land on one partition, so one consumer owns the province's fold (a single
 * writer) and a unit's revisions still arrive in order.
 */
export const TOPIC = Topics.ReportSubmissionV1;
export const TYPE = 'reports.submission';
export const VERSION = 1;

export const Kind = z.enum(['submitted', 'revised', 'returned', 'approved']);
export type Kind = z.infer<typeof Kind>;

export const Status = z.enum(['submitted', 'returned', 'approved']);
export type Status = z.infer<typeof Status>;

// No dots: codes become keys in stored documents and dotted paths in updates.
const code = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a code of letters, digits, _ and -');

/** One indicator's value: a number, a ratio's parts, or a milestone's done flag. */
export const Value = z
  .object({
    indicatorCode: code,
    value: z.number().finite().optional(),
    numerator: z.number().finite().optional(),
    denominator: z.number().finite().optional(),
    done: z.boolean().optional(),
  })
  .refine(
    (v) => [v.value !== undefined, v.numerator !== undefined || v.denominator !== undefined, v.done !== undefined].filter(Boolean).length === 1,
    { message: 'exactly one of value, numerator/denominator or done' },
  )
  .refine((v) => (v.numerator === undefined) === (v.denominator === undefined), {
    message: 'numerator and denominator come together',
  });
export type Value = z.infer<typeof Value>;

export const Payload = z.object({
  kind: Kind,
  submissionId: z.string().min(1),
  provinceCode: code,
  unitCode: code,
  formCode: code,
  period: z.string().min(4).max(16),
  revision: z.number().int().positive(),
  status: Status,
  values: z.array(Value),
  late: z.boolean(),
  /**
   * Whether the values count in aggregates now: approved reports always; submitted ones when
   * the form counts provisional figures. Absent in events written before it existed: then
   * everything not returned counts.
   */
  countable: z.boolean().optional(),
  /**
   * The last approved revision's values, sent while a later revision of an approved report is not
   * approved (a correction awaiting approval, or returned): aggregates keep counting these, marked
   * as under correction while it awaits approval, until a revision is approved again. Absent for
   * a report never approved, once approved again, and in events written before it existed.
   */
  approved: z.object({ revision: z.number().int().positive(), values: z.array(Value) }).optional(),
  changedAt: z.iso.datetime({ offset: true }),
  changedBy: z.string().min(1),
});
export type Payload = z.infer<typeof Payload>;

export const Envelope = envelopeSchemaOf(TYPE, VERSION, Payload);
export type Envelope = EventEnvelope<typeof TYPE, Payload>;

export const keyOf = (p: Pick<Payload, 'provinceCode' | 'unitCode' | 'period'>): string => p.provinceCode;

export const envelope = envelopeFactory<typeof TYPE, Payload>(TYPE, VERSION, keyOf);
