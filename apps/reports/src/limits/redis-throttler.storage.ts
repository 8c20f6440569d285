import { ThrottlerStorage } from '@nestjs/throttler';
import Redis from 'ioredis';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * One count per key in a fixed window, then a block of its own length once the limit is passed:
 * the semantics of @nestjs/throttler's in-memory storage, kept in Redis so that every replica
 * counts the same hits. While blocked nothing is counted, and the count starts afresh after it.
 * One script per call, so concurrent replicas never both see the last free hit.
 */
const INCREMENT = `
local blockLeft = redis.call('PTTL', KEYS[2])
if blockLeft > 0 then
  return {tonumber(redis.call('GET', KEYS[1]) or '0'), redis.call('PTTL', KEYS[1]), 1, blockLeft}
end
local hits = redis.call('INCR', KEYS[1])
local windowLeft = redis.call('PTTL', KEYS[1])
if windowLeft < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  windowLeft = tonumber(ARGV[1])
end
if hits > tonumber(ARGV[2]) then
  local block = tonumber(ARGV[3])
  if block <= 0 then return {hits, windowLeft, 1, windowLeft} end
  redis.call('SET', KEYS[2], '1', 'PX', block)
  redis.call('DEL', KEYS[1])
  return {hits, windowLeft, 1, block}
end
return {hits, windowLeft, 0, 0}
`;

/** A hit given back (an attempt that turned out well), never below zero. */
const GIVE_BACK = `
local hits = tonumber(redis.call('GET', KEYS[1]) or '0')
if hits > 0 then redis.call('DECR', KEYS[1]) end
return hits
`;

interface ScriptedRedis extends Redis {
  throttleIncrement(hits: string, block: string, ttl: number, limit: number, blockDuration: number): Promise<[number, number, number, number]>;
  throttleGiveBack(hits: string): Promise<number>;
}

export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly redis: ScriptedRedis;

  constructor(
    url: string,
    private readonly prefix: string,
  ) {
    // A request waits for a Redis that is briefly away, not forever: it is answered 503 after that.
    const redis = new Redis(url, { maxRetriesPerRequest: 2, connectTimeout: 2000, lazyConnect: true });
    redis.defineCommand('throttleIncrement', { numberOfKeys: 2, lua: INCREMENT });
    redis.defineCommand('throttleGiveBack', { numberOfKeys: 1, lua: GIVE_BACK });
    this.redis = redis as ScriptedRedis;
  }

  /** @nestjs/throttler's contract: times in milliseconds in, seconds out (Retry-After is in seconds). */
  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    const [hits, block] = this.keysOf(throttlerName, key);
    const [totalHits, windowLeft, blocked, blockLeft] = await this.redis.throttleIncrement(hits, block, ttl, limit, blockDuration);
    return { totalHits, timeToExpire: seconds(windowLeft), isBlocked: blocked === 1, timeToBlockExpire: blocked === 1 ? seconds(blockLeft) : 0 };
  }

  /** Forgets a key's hits and lifts its block (an administrator unlocking an account, a success). */
  async reset(key: string, throttlerName: string): Promise<void> {
    await this.redis.del(...this.keysOf(throttlerName, key));
  }

  async giveBack(key: string, throttlerName: string): Promise<void> {
    await this.redis.throttleGiveBack(this.keysOf(throttlerName, key)[0]);
  }

  async close(): Promise<void> {
    if (this.redis.status === 'wait') this.redis.disconnect();
    else if (this.redis.status !== 'end') await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private keysOf(throttlerName: string, key: string): [string, string] {
    // One hash slot for both keys, so the script also runs on a Redis cluster.
    const base = `${this.prefix}:{${throttlerName}:${key}}`;
    return [`${base}:hits`, `${base}:block`];
  }
}

function seconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}
