import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-dtp-signature';
export const TIMESTAMP_HEADER = 'x-dtp-timestamp';
export const DELIVERY_HEADER = 'x-dtp-delivery';

/**
 * `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`: the timestamp (Unix seconds, also sent in
 * X-DTP-Timestamp) is signed with the body so a receiver can refuse a replayed old message.
 */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiving system runs; here for the tests and as the reference for units' developers. */
export function verifyWebhookSignature(secret: string, timestamp: string, body: string, signature: string, now: Date, toleranceSeconds = 300): boolean {
  const t = Number(timestamp);
  if (!Number.isInteger(t) || Math.abs(now.getTime() / 1000 - t) > toleranceSeconds) return false;
  const expected = Buffer.from(webhookSignature(secret, t, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
