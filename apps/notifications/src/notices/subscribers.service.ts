import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { CLOCK, Clock } from '../clock/clock';
import { Subscription } from './schemas/subscription.schema';

/**
 * How long another replica may go on using a province's subscribers after one of them changed:
 * a change made here is seen here at once.
 */
export const SUBSCRIBERS_TTL_MS = 5_000;

/**
 * A province's subscriptions, read once per few seconds rather than once per scorecard event:
 * a fold of many reports announces hundreds of target changes, and each was a read of the
 * collection by a field FerretDB cannot find by index.
 */
@Injectable()
export class SubscribersService {
  private readonly byProvince = new Map<string, { at: number; subscribers: Promise<Subscription[]> }>();

  constructor(
    @InjectModel(Subscription.name) private readonly subscriptions: Model<Subscription>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  ofProvince(provinceCode: string): Promise<Subscription[]> {
    const now = Date.now();
    const cached = this.byProvince.get(provinceCode);
    if (cached && now - cached.at < SUBSCRIBERS_TTL_MS) return cached.subscribers;
    const subscribers = this.subscriptions.find({ provinceCode }).lean<Subscription[]>().exec();
    this.byProvince.set(provinceCode, { at: now, subscribers });
    // A failed read is not kept: the next event asks again.
    subscribers.catch(() => this.byProvince.delete(provinceCode));
    return subscribers;
  }

  of(provinceCode: string, username: string): Promise<Subscription | null> {
    return this.subscriptions.findById(idOf(provinceCode, username)).lean<Subscription>().exec();
  }

  async save(provinceCode: string, username: string, fields: { programmes: string[]; email?: string }): Promise<Subscription> {
    const _id = idOf(provinceCode, username);
    const record: Subscription = { _id, provinceCode, username, programmes: fields.programmes, updatedAt: this.clock.now(), ...(fields.email ? { email: fields.email } : {}) };
    await this.subscriptions.collection.replaceOne({ _id: _id as never }, record, { upsert: true });
    this.byProvince.delete(provinceCode);
    return record;
  }

  async remove(provinceCode: string, username: string): Promise<void> {
    await this.subscriptions.deleteOne({ _id: idOf(provinceCode, username) });
    this.byProvince.delete(provinceCode);
  }
}

function idOf(provinceCode: string, username: string): string {
  return `${provinceCode}:${username}`;
}
