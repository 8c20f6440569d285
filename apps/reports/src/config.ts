import { commonEnv } from '@dtp/platform';
import { z } from 'zod';

const dateList = z
  .string()
  .default('')
  .transform((s) => s.split(',').map((d) => d.trim()).filter(Boolean))
  .pipe(z.array(z.iso.date('each date as YYYY-MM-DD')));

export const reportsEnv = commonEnv
  .extend({
    PORT: z.coerce.number().int().min(1).max(65535).default(3101),
    MONGO_DB: commonEnv.shape.MONGO_DB.default('dtp_reports'),
    OUTBOX_POLL_MS: z.coerce.number().int().min(50).max(60000).default(1000),
    JWT_SECRET: z.string().min(32, 'at least 32 characters of secret'),
    TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86400).default(3600),
    ADMIN_USERNAME: z.string().regex(/^[a-z0-9._-]{3,64}$/).default('admin'),
    ADMIN_PASSWORD: z.string().min(12, 'at least 12 characters').optional(),
    ADMIN_PROVINCE_CODE: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional(),
    /** Public holidays and weekend days declared working days: comma-separated YYYY-MM-DD. */
    PUBLIC_HOLIDAYS: dateList,
    WORKING_WEEKEND_DAYS: dateList,
  })
  .refine((env) => !env.ADMIN_PASSWORD || env.ADMIN_PROVINCE_CODE, { path: ['ADMIN_PROVINCE_CODE'], message: 'needed with ADMIN_PASSWORD: the province the administrator manages' });
export type ReportsConfig = z.infer<typeof reportsEnv>;
