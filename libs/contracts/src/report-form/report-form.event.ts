import { z } from 'zod';
import { envelopeFactory, envelopeSchemaOf, EventEnvelope } from '../envelope/event-envelope';
import { Topics } from '../topics';

/**
 * `reports.form.v1`: a report form was created or changed. Other services learn from it who must
 * report what, and when (indicators counts expected reports with it). Keyed `<province>:<form>`;
 * `version` rises with every change, so a consumer keeps the highest it has seen.
 */
export const TOPIC = Topics.ReportFormV1;
export const TYPE = 'reports.form';
export const VERSION = 1;

/** When the report is due (the form's deadline rule, as libs/domain reads it). */
export const DeadlineRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('day-of-month'), day: z.number().int().min(1).max(31), monthsAfterPeriodEnd: z.number().int().min(-12).max(12), roll: z.enum(['next-working-day', 'previous-working-day', 'none']).optional() }),
  z.object({ kind: z.literal('working-days-after-cut-off'), days: z.number().int().min(1).max(60) }),
]);

/**
 * An indicator as the form defines it. The indicators service's catalog adopts the ones it does not
 * define itself, so a milestone's all/any/count and a share's display reach the fold and the files.
 */
export const FormIndicator = z.object({
  code: z.string().min(1),
  nameVi: z.string(),
  nameEn: z.string(),
  unitOfMeasure: z.string(),
  kind: z.enum(['count', 'ratio', 'province-percentage', 'rank', 'milestone', 'index']),
  direction: z.enum(['higher-is-better', 'lower-is-better']),
  milestoneAggregation: z.enum(['all', 'any', 'count']).nullable().optional(),
});
export type FormIndicator = z.infer<typeof FormIndicator>;

/** The form's own cut-off (libs/domain CutOffRule), when its legal basis sets one instead of Decree 09's. */
export const CutOffRule = z.object({ kind: z.literal('day-of-month'), day: z.number().int().min(1).max(31), monthsAfterPeriodEnd: z.number().int().min(-11).max(0) });

/** The provision a form follows where it departs from Decree 09 (e.g. a ministry's circular). */
export const LegalBasis = z.object({ document: z.string().min(1), article: z.string().min(1) });

export const Payload = z.object({
  kind: z.enum(['saved']),
  provinceCode: z.string().min(1),
  code: z.string().min(1),
  nameVi: z.string(),
  nameEn: z.string(),
  periodType: z.enum(['year', 'nine-months', 'half-year', 'quarter', 'month']),
  calendar: z.enum(['decree-09', 'calendar']),
  levels: z.array(z.enum(['province', 'department', 'district', 'commune'])).min(1),
  countSubmitted: z.boolean(),
  /** Added after the first events: absent in those, so consumers that need it wait for the next save. */
  deadline: DeadlineRule.optional(),
  /** Added later, as `deadline`: absent in older events. */
  indicators: z.array(FormIndicator).optional(),

  /**
   * Added later, optional: absent means the calendar's cut-off (Decree 09's for `decree-09`). When
   * present, every consumer dates the form's periods and deadlines by it (libs/domain cutOffRuleOf).
   */
  cutOff: CutOffRule.optional(),
  /** Added later, optional: present whenever `cutOff` departs from Decree 09's. */
  legalBasis: LegalBasis.optional(),
  version: z.number().int().positive(),
});
export type Payload = z.infer<typeof Payload>;

export const Envelope = envelopeSchemaOf(TYPE, VERSION, Payload);
export type Envelope = EventEnvelope<typeof TYPE, Payload>;

export const keyOf = (p: Pick<Payload, 'provinceCode' | 'code'>): string => `${p.provinceCode}:${p.code}`;

export const envelope = envelopeFactory<typeof TYPE, Payload>(TYPE, VERSION, keyOf);
