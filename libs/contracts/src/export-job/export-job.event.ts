import { z } from 'zod';
import { envelopeFactory, envelopeSchemaOf, EventEnvelope } from '../envelope/event-envelope';
import { Topics } from '../topics';

/**
 * `exports.job.v1`: an export job finished, with its file or the reason it could not be made.
 * Keyed by job id, so one job's events stay in order. `requestedBy` is the official's username,
 * so notifications can tell them.
 */
export const TOPIC = Topics.ExportJobV1;
export const TYPE = 'exports.job';
export const VERSION = 1;

export const Kind = z.enum(['scorecard', 'ranking', 'reporting-rates', 'submission', 'raw-values']);
export type Kind = z.infer<typeof Kind>;

/** What each kind of export is called in Vietnamese text (messages, refusals): never its code. */
export const KIND_NAMES_VI: Record<Kind, string> = { scorecard: 'bảng điểm', ranking: 'bảng xếp hạng', 'reporting-rates': 'tình hình gửi báo cáo', submission: 'báo cáo của đơn vị', 'raw-values': 'số liệu báo cáo' };

export const Format = z.enum(['xlsx', 'csv', 'pdf', 'docx']);
export type Format = z.infer<typeof Format>;

const job = {
  jobId: z.uuid(),
  provinceCode: z.string().min(1),
  kind: Kind,
  format: Format,
  requestedBy: z.string().min(1),
};

export const Payload = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('completed'),
    ...job,
    fileName: z.string().min(1),
    contentType: z.string().min(1),
    size: z.number().int().nonnegative(),
    /** Path of the download on the exports service, relative to its base URL. */
    downloadPath: z.string().startsWith('/'),
    expiresAt: z.iso.datetime(),
  }),
  z.object({
    status: z.literal('failed'),
    ...job,
    reason: z.string().min(1),
    reasonVi: z.string().min(1),
  }),
]);
export type Payload = z.infer<typeof Payload>;

export const Envelope = envelopeSchemaOf(TYPE, VERSION, Payload);
export type Envelope = EventEnvelope<typeof TYPE, Payload>;

export const keyOf = (p: Payload): string => p.jobId;

export const envelope = envelopeFactory<typeof TYPE, Payload>(TYPE, VERSION, keyOf);
