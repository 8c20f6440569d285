import { commonEnv } from '@dtp/platform';
import { z } from 'zod';

export const reportsEnv = commonEnv.extend({
  PORT: z.coerce.number().int().min(1).max(65535).default(3101),
  MONGO_DB: commonEnv.shape.MONGO_DB.default('dtp_reports'),
  OUTBOX_POLL_MS: z.coerce.number().int().min(50).max(60000).default(1000),
});
export type ReportsConfig = z.infer<typeof reportsEnv>;
