import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectModel } from '@nestjs/mongoose';
import { isStoreUnavailable, ProblemException, refusal } from '@dtp/platform';
import { createHash } from 'node:crypto';
import { Model } from 'mongoose';
import { from, lastValueFrom, Observable } from 'rxjs';
import { AuthenticatedRequest } from '../auth/auth.guard';
import { actorName } from '../auth/principal';
import { IdempotencyRecord } from './idempotency-record.schema';
import { SECRET_ANSWER } from './secret-answer.decorator';
import { withRequestIdentity } from './request-identity';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** How long an answer is kept for retries. */
export const IDEMPOTENCY_WINDOW_MS = 24 * 3_600_000;
/** A request still pending after this long died (the store or the process went away mid-way). */
export const PENDING_LEASE_MS = 30_000;
const DUPLICATE_KEY = 11000;
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

interface Request extends AuthenticatedRequest {
  method: string;
  url: string;
  body?: unknown;
}

interface Reply {
  header(name: string, value: string): unknown;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * `Idempotency-Key` on every write: the first request with a key is processed and its answer
 * kept; the same key and body again get that answer (`Idempotent-Replayed: true`) and nothing
 * is written twice; the same key with another body is refused (422); while the first is still
 * running, a second gets 409. A request that fails leaves no record, so it may be retried.
 * An answer holding a secret (`@SecretAnswer`) is kept without it and its replay refused (409):
 * a store of idempotency records must not become a store of credentials (ADR 0006).
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    @InjectModel(IdempotencyRecord.name) private readonly records: Model<IdempotencyRecord>,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
    const raw = request.headers[IDEMPOTENCY_HEADER];
    const key = Array.isArray(raw) ? raw[0] : raw;
    // Public writes (signing in) are not kept: their answers are credentials.
    if (!key || !WRITE_METHODS.has(request.method) || !request.principal) return next.handle();
    if (!/^[\x21-\x7e]{1,200}$/.test(key)) throw problem(400, 'Idempotency-Key must be 1–200 printable ASCII characters', 'Idempotency-Key phải gồm 1–200 ký tự ASCII in được');
    const caller = actorName(request.principal);
    const id = sha256(`${caller}\n${request.method}\n${request.url}\n${key}`);
    const fingerprint = sha256(JSON.stringify(request.body ?? null));
    const reply = context.switchToHttp().getResponse<Reply>();
    const secrets = this.reflector.get<string[] | undefined>(SECRET_ANSWER, context.getHandler());
    return from(this.run(id, fingerprint, reply, secrets, () => lastValueFrom(next.handle(), { defaultValue: undefined })));
  }

  private async run(id: string, fingerprint: string, reply: Reply, secrets: string[] | undefined, handle: () => Promise<unknown>): Promise<unknown> {
    const replay = await this.claim(id, fingerprint);
    if (replay) {
      // Also for a record written before secrets were withheld: its answer is never sent again.
      if (secrets) throw secretShownOnce(replay.response);
      reply.header('idempotent-replayed', 'true');
      return replay.response;
    }
    try {
      const response = await withRequestIdentity(id, handle);
      const kept = response === undefined ? null : JSON.parse(JSON.stringify(response));
      await this.records.updateOne({ _id: id }, { $set: { state: 'completed', response: secrets ? without(kept, secrets) : kept, ...(secrets ? { withheld: secrets } : {}) } });
      return response;
    } catch (error) {
      // The store went away: whether the write happened is unknown, so the record stays pending
      // (a retry after PENDING_LEASE_MS runs again, and the write finds its own change). A refusal
      // changed nothing: the record goes, so the request may be sent again as it is.
      if (!isStoreUnavailable(error)) await this.records.deleteOne({ _id: id, state: 'pending' }).catch(() => undefined);
      throw error;
    }
  }

  /** Records the key as in progress, or returns the finished answer to replay. */
  private async claim(id: string, fingerprint: string): Promise<{ response: unknown } | undefined> {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      try {
        const createdAt = new Date();
        await this.records.create({ _id: id, fingerprint, state: 'pending', response: null, createdAt, expiresAt: new Date(createdAt.getTime() + IDEMPOTENCY_WINDOW_MS) });
        return undefined;
      } catch (error) {
        if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
      }
      const existing = await this.records.findById(id).lean<IdempotencyRecord>().exec();
      if (!existing) continue;
      // The TTL index removes expired records on MongoDB only, and not at once: an expired record is treated as absent.
      if (expiryOf(existing) <= Date.now()) {
        await this.records.deleteOne({ _id: id, createdAt: existing.createdAt });
        continue;
      }
      if (existing.fingerprint !== fingerprint) {
        throw problem(422, 'this Idempotency-Key was used with a different request body', 'Idempotency-Key này đã được dùng cho một yêu cầu có nội dung khác');
      }
      if (existing.state === 'pending') {
        // Pending for longer than any request runs: its request died with the store or the process.
        // It is run again; the writes it reaches recognise their own change by this record's id.
        if (Date.now() - existing.createdAt.getTime() > PENDING_LEASE_MS) {
          await this.records.deleteOne({ _id: id, state: 'pending', createdAt: existing.createdAt });
          continue;
        }
        throw problem(409, 'a request with this Idempotency-Key is still being processed', 'yêu cầu với Idempotency-Key này đang được xử lý');
      }
      return { response: existing.response };
    }
    throw problem(409, 'this Idempotency-Key is contended; try again', 'Idempotency-Key đang bị tranh chấp; vui lòng thử lại');
  }
}

/** Records from before `expiresAt` expire one window after they were written, as they always did. */
function expiryOf(record: IdempotencyRecord): number {
  return record.expiresAt?.getTime() ?? record.createdAt.getTime() + IDEMPOTENCY_WINDOW_MS;
}

function without(answer: unknown, fields: string[]): unknown {
  if (!answer || typeof answer !== 'object' || Array.isArray(answer)) return null;
  return Object.fromEntries(Object.entries(answer).filter(([name]) => !fields.includes(name)));
}

function secretShownOnce(kept: unknown): ProblemException {
  const id = kept && typeof kept === 'object' && typeof (kept as { id?: unknown }).id === 'string' ? (kept as { id: string }).id : undefined;
  const made = id ? ` (the first request created ${id})` : '';
  const madeVi = id ? ` (yêu cầu đầu tiên đã tạo ${id})` : '';
  return problem(
    409,
    `this Idempotency-Key was already used; the secret in its answer is shown only once and is not kept${made}`,
    `Idempotency-Key này đã được dùng; thông tin bí mật trong câu trả lời chỉ hiển thị một lần và không được lưu lại${madeVi}`,
  );
}

function problem(status: number, detail: string, detailVi: string): ProblemException {
  return refusal(status, 'idempotency', detail, detailVi, [{ field: 'Idempotency-Key', message: detail, messageVi: detailVi }]);
}
