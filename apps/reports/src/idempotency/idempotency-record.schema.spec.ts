import { IdempotencyRecordSchema } from './idempotency-record.schema';

describe('IdempotencyRecordSchema', () => {
  it('declares a TTL index on expiresAt, so MongoDB removes a record when its window ends', () => {
    expect(IdempotencyRecordSchema.indexes()).toContainEqual([{ expiresAt: 1 }, expect.objectContaining({ expireAfterSeconds: 0 })]);
  });
});
