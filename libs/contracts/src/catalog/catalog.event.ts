import { z } from 'zod';
import { envelopeFactory, envelopeSchemaOf, EventEnvelope } from '../envelope/event-envelope';
import { Topics } from '../topics';

/**
 * `indicators.catalog.v1`: the indicators service's catalog changed: an indicator definition or a
 * programme was saved (with its new version), or organisation units were imported. Keyed
 * `<province>:<code>` (units: `units`), so one item's changes stay in order.
 */
export const TOPIC = Topics.IndicatorCatalogV1;
export const TYPE = 'indicators.catalog';
export const VERSION = 1;

export const Payload = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('indicator-saved'), provinceCode: z.string().min(1), code: z.string().min(1), version: z.number().int().positive() }),
  z.object({
    kind: z.literal('programme-saved'),
    provinceCode: z.string().min(1),
    code: z.string().min(1),
    version: z.number().int().positive(),
    targets: z.number().int().nonnegative(),
    /** How many of the targets are set for each scope (province, a level, named units, every level); absent from producers before scopes. */
    targetScopes: z.record(z.string(), z.number().int().nonnegative()).optional(),
  }),
  z.object({ kind: z.literal('units-imported'), unitIds: z.array(z.string().min(1)).min(1) }),
]);
export type Payload = z.infer<typeof Payload>;

export const Envelope = envelopeSchemaOf(TYPE, VERSION, Payload);
export type Envelope = EventEnvelope<typeof TYPE, Payload>;

export const keyOf = (p: Payload): string => (p.kind === 'units-imported' ? 'units' : `${p.provinceCode}:${p.code}`);

export const envelope = envelopeFactory<typeof TYPE, Payload>(TYPE, VERSION, keyOf);
