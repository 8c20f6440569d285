import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { IDEMPOTENCY_WINDOW_MS } from './idempotency.interceptor';
import { IdempotencyRecord } from './idempotency-record.schema';

/**
 * Once at start: records from before `expiresAt` existed that hold an API key in clear are
 * removed, the other ones get an expiry (at most one window from now, never longer than they
 * were kept before), and expired records are removed, because FerretDB 1.x has no TTL index.
 * Not a hot path: it runs once per start over at most a day of records (ADR 0006).
 */
@Injectable()
export class IdempotencyCleanup implements OnApplicationBootstrap {
  private readonly logger = new Logger(IdempotencyCleanup.name);

  constructor(@InjectModel(IdempotencyRecord.name) private readonly records: Model<IdempotencyRecord>) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.run(new Date());
  }

  async run(now: Date): Promise<{ secretsPurged: number; expiryGiven: number; expiredRemoved: number }> {
    // Only the API key answers carried a `key`; whatever else did is dropped too, to be safe.
    const secrets = await this.records.deleteMany({ expiresAt: { $exists: false }, 'response.key': { $exists: true } });
    const legacy = await this.records.updateMany({ expiresAt: { $exists: false } }, { $set: { expiresAt: new Date(now.getTime() + IDEMPOTENCY_WINDOW_MS) } });
    const expired = await this.records.deleteMany({ expiresAt: { $lte: now } });
    const counts = { secretsPurged: secrets.deletedCount, expiryGiven: legacy.modifiedCount, expiredRemoved: expired.deletedCount };
    if (counts.secretsPurged + counts.expiryGiven > 0) this.logger.log({ msg: 'idempotency records from before expiry migrated', ...counts });
    return counts;
  }
}
