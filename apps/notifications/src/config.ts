import { commonEnv, redisUrl } from '@dtp/platform';
import { z } from 'zod';

export const notificationsEnv = commonEnv.extend({
  PORT: z.coerce.number().int().min(1).max(65535).default(3103),
  MONGO_DB: commonEnv.shape.MONGO_DB.default('dtp_notifications'),
  KAFKA_GROUP_ID: z.string().min(1).default('notifications'),
  REDIS_URL: redisUrl,
  QUEUE_PREFIX: z.string().regex(/^[a-z][a-z0-9_-]*$/).default('dtp'),
});
export type NotificationsConfig = z.infer<typeof notificationsEnv>;
