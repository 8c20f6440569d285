import { commonEnv } from '@dtp/platform';
import { z } from 'zod';

export const exportsEnv = commonEnv.extend({
  PORT: z.coerce.number().int().min(1).max(65535).default(3104),
  MONGO_DB: commonEnv.shape.MONGO_DB.default('dtp_exports'),
  KAFKA_GROUP_ID: z.string().min(1).default('exports'),
});
export type ExportsConfig = z.infer<typeof exportsEnv>;
