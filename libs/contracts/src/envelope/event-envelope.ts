import { randomUUID } from 'node:crypto';
import { z } from 'zod';

/**
 * The envelope every event travels in (docs/adr/0003-event-contracts.md). The payload schema is
 * supplied per event type, so one function validates both where a message is produced and where
 * it is consumed.
 */
export const envelopeSchemaOf = <TData extends z.ZodType>(type: string, version: number, data: TData) =>
  z.object({
    id: z.uuid(),
    type: z.literal(type),
    version: z.literal(version),
    occurredAt: z.iso.datetime({ offset: true }),
    source: z.string().min(1),
    correlationId: z.string().min(1),
    key: z.string().min(1),
    data,
  });

export interface EventEnvelope<TType extends string, TData> {
  id: string;
  type: TType;
  version: number;
  occurredAt: string;
  source: string;
  correlationId: string;
  key: string;
  data: TData;
}

export interface EnvelopeInput<TData> {
  source: string;
  key: string;
  data: TData;
  correlationId?: string;
  occurredAt?: Date;
  id?: string;
}

export function createEnvelope<TType extends string, TData>(
  type: TType,
  version: number,
  input: EnvelopeInput<TData>,
): EventEnvelope<TType, TData> {
  const id = input.id ?? randomUUID();
  return {
    id,
    type,
    version,
    occurredAt: (input.occurredAt ?? new Date()).toISOString(),
    source: input.source,
    correlationId: input.correlationId ?? id,
    key: input.key,
    data: input.data,
  };
}

/** Everything about one unit and period goes to one partition, so its events stay in order. */
export function unitPeriodKey(p: { provinceCode: string; unitCode: string; period: string }): string {
  return `${p.provinceCode}:${p.unitCode}:${p.period}`;
}

/** The `envelope(...)` builder of one event type: its key is derived from the payload. */
export function envelopeFactory<TType extends string, TData>(type: TType, version: number, keyOf: (data: TData) => string) {
  return (input: Omit<EnvelopeInput<TData>, 'key'>): EventEnvelope<TType, TData> => createEnvelope(type, version, { ...input, key: keyOf(input.data) });
}

/** A failed validation, flattened to `path: message` lines that fit in a dead-letter header. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
}
