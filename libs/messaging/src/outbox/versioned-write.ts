import { EventEnvelope } from '@dtp/contracts';
import { refusal } from '@dtp/platform';
import { Model } from 'mongoose';
import { DocumentLocks } from './document-locks';
import { outboxAppend, OutboxFields } from './outbox-entry';
import { OutboxPublisher } from './outbox-publisher';

const MAX_ATTEMPTS = 8;
const DUPLICATE_KEY = 11000;

/** A collection of versioned documents carrying an outbox (callers cast their model to it). */
export type VersionedModel = Model<OutboxFields & { _id: string; version: number; updatedAt: Date }>;

export interface VersionedChange {
  /** The document's new state, without `_id`, `version` and the outbox. */
  fields: Record<string, unknown>;
  /** Optional fields the new state leaves out: removed, since `$set` alone would keep the old ones. */
  unset?: string[];
  topic: string;
  /** The events announcing the change, built knowing the version they announce. */
  events: EventEnvelope<string, unknown>[];
}

/**
 * Replaces a catalog document and appends the events announcing it in one write, conditional on
 * the version read, so the version the events carry is the one stored; serialised per document
 * in this process (docs/adr/0002). Returns the new version.
 */
export async function writeVersioned(
  model: VersionedModel,
  locks: DocumentLocks,
  publisher: Pick<OutboxPublisher, 'expect'>,
  _id: string,
  change: (version: number, now: Date) => VersionedChange,
): Promise<number> {
  return locks.run(model.collection.collectionName, _id, async () => {
    await publisher.expect([_id]);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const current = await model.findById(_id, { version: 1 }).lean<{ version: number }>().exec();
      const version = (current?.version ?? 0) + 1;
      const now = new Date();
      const { fields, unset, topic, events } = change(version, now);
      const removed = unset && unset.length > 0 ? { $unset: Object.fromEntries(unset.map((f) => [f, 1])) } : {};
      const outbox = outboxAppend(topic, events, now);
      try {
        if (current) {
          const { matchedCount } = await model.updateOne({ _id, version: current.version }, { $set: { ...fields, version, updatedAt: now, ...outbox.$set }, $inc: outbox.$inc, ...removed });
          if (matchedCount === 1) return version;
        } else {
          await model.collection.insertOne({ _id: _id as never, ...fields, version, updatedAt: now, ...outbox.fields });
          return version;
        }
      } catch (error) {
        if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
      }
    }
    throw refusal(409, 'conflict', `${_id} is being changed by someone else; try again`, `${_id} đang được người khác cập nhật; vui lòng thử lại`);
  });
}
