import { commonEnv } from '@dtp/platform';
import { z } from 'zod';

export const indicatorsEnv = commonEnv.extend({
  PORT: z.coerce.number().int().min(1).max(65535).default(3102),
  MONGO_DB: commonEnv.shape.MONGO_DB.default('dtp_indicators'),
  KAFKA_GROUP_ID: z.string().min(1).default('indicators'),
  OUTBOX_POLL_MS: z.coerce.number().int().min(50).max(60000).default(1000),
});
export type IndicatorsConfig = z.infer<typeof indicatorsEnv>;
