import { randomUUID } from 'node:crypto';
import { infraEnv } from '@dtp/testing';
import { RedisThrottlerStorage } from './redis-throttler.storage';

/** The counter itself, on the real Redis, with windows short enough to watch them end. */
describe('RedisThrottlerStorage', () => {
  const prefix = `test:storage:${randomUUID()}`;
  const storage = new RedisThrottlerStorage(infraEnv().REDIS_URL, prefix);
  const other = new RedisThrottlerStorage(infraEnv().REDIS_URL, prefix);

  afterAll(async () => {
    await storage.close();
    await other.close();
  });

  it('blocks the hit past the limit for the block duration, counting nothing meanwhile, then starts afresh', async () => {
    const hit = () => storage.increment('k1', 1000, 2, 1200, 't');
    expect(await hit()).toMatchObject({ totalHits: 1, isBlocked: false, timeToBlockExpire: 0 });
    expect(await hit()).toMatchObject({ totalHits: 2, isBlocked: false });
    expect(await hit()).toMatchObject({ totalHits: 3, isBlocked: true, timeToBlockExpire: 2 });
    expect(await hit()).toMatchObject({ isBlocked: true });
    await new Promise((resolve) => setTimeout(resolve, 1300));
    expect(await hit()).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('shares counts between two clients of one prefix, and keeps names and keys apart', async () => {
    await storage.increment('k2', 60000, 5, 60000, 't');
    expect(await other.increment('k2', 60000, 5, 60000, 't')).toMatchObject({ totalHits: 2 });
    expect(await other.increment('k2', 60000, 5, 60000, 'u')).toMatchObject({ totalHits: 1 });
    expect(await other.increment('k3', 60000, 5, 60000, 't')).toMatchObject({ totalHits: 1 });
  });

  it('lifts a block on reset, and gives a hit back without going below zero', async () => {
    for (let i = 0; i < 2; i++) await storage.increment('k4', 60000, 1, 60000, 't');
    expect(await storage.increment('k4', 60000, 1, 60000, 't')).toMatchObject({ isBlocked: true });
    await storage.reset('k4', 't');
    expect(await storage.increment('k4', 60000, 1, 60000, 't')).toMatchObject({ totalHits: 1, isBlocked: false });
    await storage.giveBack('k4', 't');
    await storage.giveBack('k4', 't');
    expect(await storage.increment('k4', 60000, 1, 60000, 't')).toMatchObject({ totalHits: 1, isBlocked: false });
  });
});
