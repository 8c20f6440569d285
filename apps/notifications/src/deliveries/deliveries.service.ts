import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Model } from 'mongoose';
import { DeliveryAttempt } from './schemas/delivery-attempt.schema';
import { Channel, Delivery, DeliveryState, NoticeKind } from './schemas/delivery.schema';

export type NewDelivery = Omit<Delivery, 'state' | 'attempts' | 'createdAt' | 'lastError' | 'finishedAt'>;

export interface DeliveryQuery {
  provinceCode: string;
  unitCode?: string;
  formCode?: string;
  period?: string;
  state?: DeliveryState;
  channel?: Channel;
  notice?: NoticeKind;
  limit: number;
}

/** An attempt still "sending" after this long belongs to a process that stopped mid-send. */
export const IN_DOUBT_AFTER_MS = 10 * 60_000;

const isDuplicate = (error: unknown) => (error as { code?: number }).code === 11000;

/**
 * Which deliveries remind of an obligation, by obligation id: so a report's arrival cancels its
 * reminders by `_id` (FerretDB finds nothing else by index; `obligationIds` is an array field,
 * and a scan of the whole delivery log per report grew with every reminder ever sent).
 */
export const OBLIGATION_REMINDERS = 'obligation_reminders';

interface ObligationReminders {
  _id: string;
  deliveryIds: string[];
}

/** The delivery log: what is to be sent, what was, and each attempt. */
@Injectable()
export class DeliveriesService {
  /** Names this process in the attempts it makes. */
  readonly worker = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

  private readonly reminders: Model<Delivery>['collection'];

  constructor(
    @InjectModel(Delivery.name) private readonly deliveries: Model<Delivery>,
    @InjectModel(DeliveryAttempt.name) private readonly attempts: Model<DeliveryAttempt>,
  ) {
    this.reminders = deliveries.db.collection(OBLIGATION_REMINDERS) as never;
  }

  /** Adds the deliveries not already there (same id: same notice); returns the ids added. */
  async schedule(items: NewDelivery[], now: Date): Promise<string[]> {
    const added: string[] = [];
    // Indexed before the insert: a crash between the two leaves an id that cancels nothing, never
    // a reminder its report's arrival cannot find.
    for (const [obligationId, deliveryIds] of remindersByObligation(items)) {
      await this.reminders.updateOne({ _id: obligationId as never }, { $addToSet: { deliveryIds: { $each: deliveryIds } } } as never, { upsert: true });
    }
    for (const item of items) {
      try {
        await this.deliveries.collection.insertOne({ ...item, _id: item._id as never, state: 'scheduled', attempts: 0, createdAt: now });
        added.push(item._id);
      } catch (error) {
        if (!isDuplicate(error)) throw error;
      }
    }
    return added;
  }

  exists(id: string): Promise<boolean> {
    return this.deliveries.exists({ _id: id }).then((r) => r !== null);
  }

  get(id: string): Promise<Delivery | null> {
    return this.deliveries.findById(id).lean<Delivery>().exec();
  }

  /** The report arrived: its reminders still waiting are not sent (a digest decides when it is sent). */
  async cancelRemindersOf(obligationId: string, reason: string, now: Date): Promise<number> {
    const index = (await this.reminders.findOne({ _id: obligationId as never })) as unknown as ObligationReminders | null;
    let cancelled = 0;
    for (const _id of index?.deliveryIds ?? []) {
      const { modifiedCount } = await this.deliveries.updateOne({ _id, state: 'scheduled' }, { $set: { state: 'cancelled', lastError: reason, finishedAt: now } });
      cancelled += modifiedCount;
    }
    return cancelled;
  }

  due(now: Date, limit: number): Promise<Delivery[]> {
    return this.deliveries.find({ state: 'scheduled', sendAt: { $lte: now } }).sort({ sendAt: 1 }).limit(limit).lean<Delivery[]>().exec();
  }

  /** Claims the next attempt of a delivery; undefined when another worker holds it. */
  async claimAttempt(delivery: Delivery, now: Date): Promise<number | undefined> {
    const n = delivery.attempts + 1;
    try {
      await this.attempts.collection.insertOne({ _id: `${delivery._id}#${n}` as never, deliveryId: delivery._id, n, status: 'sending', startedAt: now, worker: this.worker });
      return n;
    } catch (error) {
      if (isDuplicate(error)) return undefined;
      throw error;
    }
  }

  async delivered(id: string, n: number, detail: string, now: Date): Promise<void> {
    await this.attempts.updateOne({ _id: `${id}#${n}` }, { $set: { status: 'delivered', finishedAt: now, detail } });
    await this.deliveries.updateOne({ _id: id }, { $set: { state: 'sent', attempts: n, finishedAt: now }, $unset: { lastError: 1 } });
  }

  /** Records a failed attempt; the last one allowed fails the delivery for good. */
  async attemptFailed(id: string, n: number, error: string, final: boolean, now: Date): Promise<void> {
    await this.attempts.updateOne({ _id: `${id}#${n}` }, { $set: { status: 'failed', finishedAt: now, detail: error } });
    await this.deliveries.updateOne({ _id: id }, { $set: { attempts: n, lastError: error, ...(final ? { state: 'failed', finishedAt: now } : {}) } });
  }

  async cancel(id: string, reason: string, now: Date): Promise<void> {
    await this.deliveries.updateOne({ _id: id, state: 'scheduled' }, { $set: { state: 'cancelled', lastError: reason, finishedAt: now } });
  }

  /** Outside office hours: waits for the next opening. */
  async postpone(id: string, sendAt: Date): Promise<void> {
    await this.deliveries.updateOne({ _id: id, state: 'scheduled' }, { $set: { sendAt } });
  }

  async updateVariables(id: string, variables: Record<string, unknown>): Promise<void> {
    await this.deliveries.updateOne({ _id: id }, { $set: { variables } });
  }

  /**
   * A process that stopped while sending leaves its attempt "sending". Whether the message left
   * is unknown, so it is not sent again (never twice): the delivery fails with the reason, for
   * an official to resend.
   */
  async failInDoubt(now: Date): Promise<number> {
    const stale = await this.attempts.find({ status: 'sending', startedAt: { $lt: new Date(now.getTime() - IN_DOUBT_AFTER_MS) } }).lean<DeliveryAttempt[]>().exec();
    for (const a of stale) await this.attemptFailed(a.deliveryId, a.n, `in doubt: ${a.worker} stopped while sending; not sent again so as never to send twice`, true, now);
    return stale.length;
  }

  async search(query: DeliveryQuery): Promise<Array<Delivery & { attemptLog: DeliveryAttempt[] }>> {
    const filter: Record<string, unknown> = { provinceCode: query.provinceCode };
    for (const key of ['unitCode', 'formCode', 'period', 'state', 'channel', 'notice'] as const) if (query[key]) filter[key] = query[key];
    const found = await this.deliveries.find(filter).sort({ createdAt: -1, _id: 1 }).limit(query.limit).lean<Delivery[]>().exec();
    const attempts = found.length === 0 ? [] : await this.attempts.find({ deliveryId: { $in: found.map((d) => d._id) } }).sort({ n: 1 }).lean<DeliveryAttempt[]>().exec();
    return found.map((d) => ({ ...d, attemptLog: attempts.filter((a) => a.deliveryId === d._id) }));
  }
}

/** The reminders among new deliveries (a digest is not one: it decides when it is sent), by obligation. */
function remindersByObligation(items: NewDelivery[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const item of items) {
    if (item.notice === 'digest') continue;
    for (const obligationId of item.obligationIds) out.set(obligationId, [...(out.get(obligationId) ?? []), item._id]);
  }
  return out;
}
