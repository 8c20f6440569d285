import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { bulkWriteInChunks, DocumentLocks, mapLimited } from '@dtp/messaging';
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
 * Which deliveries remind of which obligations, one document per province, form and period
 * (`reminder_index`, units as keys): a batch of reports cancels its reminders with one read by
 * `_id` per form and period, never a scan (FerretDB finds nothing else by index; `obligationIds`
 * is an array field, and a scan of the delivery log per report grew with every reminder sent).
 */
export const REMINDER_INDEX = 'reminder_index';
/** The index of the first version, one document per obligation: folded into REMINDER_INDEX at start. */
export const OBLIGATION_REMINDERS = 'obligation_reminders';

interface ReminderIndex {
  _id: string;
  units?: Record<string, string[]>;
}

/** Where an obligation's reminders are listed: its document and the key of its unit there. */
export function reminderIndexOf(obligationId: string): { _id: string; key: string } {
  const [provinceCode, unitCode, formCode, period] = obligationId.split(':');
  // Field names must not hold "." or "$": anything outside the unit-code alphabet is escaped.
  const key = (unitCode ?? '').replace(/[^A-Za-z0-9_-]/g, (c) => `~${c.charCodeAt(0).toString(16)}~`);
  return { _id: `${provinceCode}:${formCode}:${period}`, key };
}

/** The delivery log: what is to be sent, what was, and each attempt. */
@Injectable()
export class DeliveriesService implements OnApplicationBootstrap {
  /** Names this process in the attempts it makes. */
  readonly worker = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

  private readonly reminders: Model<Delivery>['collection'];
  private readonly legacyReminders: Model<Delivery>['collection'];

  constructor(
    @InjectModel(Delivery.name) private readonly deliveries: Model<Delivery>,
    @InjectModel(DeliveryAttempt.name) private readonly attempts: Model<DeliveryAttempt>,
    private readonly locks: DocumentLocks,
  ) {
    this.reminders = deliveries.db.collection(REMINDER_INDEX) as never;
    this.legacyReminders = deliveries.db.collection(OBLIGATION_REMINDERS) as never;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.foldLegacyReminders();
  }

  /**
   * Moves what the first version's per-obligation index holds into the per-form-period one and
   * empties it: at start, and before each planning run (a replica of the first version still
   * running during a deployment may have added to it). One read of an empty collection when done.
   */
  async foldLegacyReminders(): Promise<void> {
    const legacy = (await this.legacyReminders.find({}).toArray()) as unknown as Array<{ _id: string; deliveryIds?: string[] }>;
    if (legacy.length === 0) return;
    await this.indexReminders(new Map(legacy.map((l) => [l._id, l.deliveryIds ?? []])));
    await bulkWriteInChunks(this.legacyReminders as never, legacy.map((l) => ({ deleteOne: { filter: { _id: l._id } } })), { ordered: false });
  }

  /** Adds the deliveries not already there (same id: same notice); returns the ids added. */
  async schedule(items: NewDelivery[], now: Date): Promise<string[]> {
    const added: string[] = [];
    // Indexed before the insert: a crash between the two leaves an id that cancels nothing, never
    // a reminder its report's arrival cannot find.
    await this.indexReminders(remindersByObligation(items));
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
    return this.cancelRemindersOfMany([obligationId], () => reason, now);
  }

  /** Reports arrived: their reminders still waiting are cancelled, one index read per form and period. */
  async cancelRemindersOfMany(obligationIds: readonly string[], reasonOf: (obligationId: string) => string, now: Date): Promise<number> {
    const wanted = new Map<string, Array<{ obligationId: string; key: string }>>();
    for (const obligationId of obligationIds) {
      const { _id, key } = reminderIndexOf(obligationId);
      wanted.set(_id, [...(wanted.get(_id) ?? []), { obligationId, key }]);
    }
    const indexes = await mapLimited([...wanted.keys()], 16, (_id) => this.reminders.findOne({ _id: _id as never }) as unknown as Promise<ReminderIndex | null>);
    const cancellations = indexes.flatMap((index) =>
      index ? (wanted.get(index._id) ?? []).flatMap(({ obligationId, key }) => (index.units?.[key] ?? []).map((_id) => ({ _id, reason: reasonOf(obligationId) }))) : [],
    );
    if (cancellations.length === 0) return 0;
    const { modifiedCount } = await bulkWriteInChunks(
      this.deliveries,
      cancellations.map(({ _id, reason }) => ({ updateOne: { filter: { _id, state: 'scheduled' }, update: { $set: { state: 'cancelled', lastError: reason, finishedAt: now } } } })),
      { ordered: false },
    );
    return modifiedCount;
  }

  /** Lists reminders under their obligations (indexed before the deliveries are written). */
  private async indexReminders(byObligation: Map<string, string[]>): Promise<void> {
    const byIndex = new Map<string, Record<string, string[]>>();
    for (const [obligationId, deliveryIds] of byObligation) {
      const { _id, key } = reminderIndexOf(obligationId);
      const units = byIndex.get(_id) ?? {};
      units[`units.${key}`] = [...(units[`units.${key}`] ?? []), ...deliveryIds];
      byIndex.set(_id, units);
    }
    // One index document at a time under its lock: FerretDB does not isolate two updates of one
    // document (ADR 2), and a form-period's document is shared by all its units' reminders.
    for (const [_id, units] of byIndex) {
      const update = { $addToSet: Object.fromEntries(Object.entries(units).map(([field, ids]) => [field, { $each: ids }])) };
      await this.locks.run(REMINDER_INDEX, _id, async () => {
        try {
          await this.reminders.updateOne({ _id: _id as never }, update as never, { upsert: true });
        } catch (error) {
          // Another replica inserted it first: add to theirs.
          if (!isDuplicate(error)) throw error;
          await this.reminders.updateOne({ _id: _id as never }, update as never);
        }
      });
    }
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
