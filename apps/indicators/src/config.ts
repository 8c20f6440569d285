import { commonEnv } from '@dtp/platform';
import { z } from 'zod';

export const indicatorsEnv = commonEnv.extend({
  PORT: z.coerce.number().int().min(1).max(65535).default(3102),
  MONGO_DB: commonEnv.shape.MONGO_DB.default('dtp_indicators'),
  KAFKA_GROUP_ID: z.string().min(1).default('indicators'),
  OUTBOX_POLL_MS: z.coerce.number().int().min(50).max(60000).default(1000),
  /** Verifies officials' tokens the reports service issues: the same secret as there. */
  JWT_SECRET: z.string().min(32, 'at least 32 characters of secret'),
});
export type IndicatorsConfig = z.infer<typeof indicatorsEnv>;
