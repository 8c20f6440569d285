import { commonEnv, localDateList, redisUrl } from '@dtp/platform';
import { z } from 'zod';

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
    /** `true`: the first administrator is also a national administrator, the one who can grant that role to others. */
    ADMIN_NATIONAL: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true'),
    /**
     * Extra days off and weekend days worked for every province (comma-separated YYYY-MM-DD), on top
     * of Vietnam's shipped holidays and under each province's own changes; the same in every service.
     */
    PUBLIC_HOLIDAYS: localDateList,
    WORKING_WEEKEND_DAYS: localDateList,
    /**
     * The indicators service, which keeps the units: with it, reports and keys are accepted only for
     * units in the province's list, valid on the period's cut-off. Without it nothing is checked.
     */
    INDICATORS_URL: z.url().optional(),
    /** Where the abuse limits are counted: one Redis for every replica, so the counts are shared. */
    REDIS_URL: redisUrl,
    /** Prefix of the counters' keys in that Redis (replicas of one installation share it). */
    RATE_LIMIT_PREFIX: z.string().regex(/^[A-Za-z0-9:_-]{1,64}$/).default('dtp:reports:limits'),
    /** Failed sign-ins per username, and from one client address, within the window before a lock. */
    SIGN_IN_FAILURES_PER_USERNAME: z.coerce.number().int().min(1).max(1000).default(5),
    SIGN_IN_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).max(100000).default(50),
    SIGN_IN_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86400).default(900),
    /** How long a lock lasts unless an administrator of the province lifts it sooner. */
    SIGN_IN_LOCK_SECONDS: z.coerce.number().int().min(1).max(86400).default(900),
    /** Writes (reports, batches, DHIS2 imports, Excel uploads) per unit within the window; more answer 429. */
    UNIT_WRITES_PER_WINDOW: z.coerce.number().int().min(1).max(100000).default(120),
    UNIT_WRITES_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86400).default(60),
    /** Password hashes computed at once: each holds a core for ~50 ms, and the event loop needs one too. */
    PASSWORD_CHECKS_AT_ONCE: z.coerce.number().int().min(1).max(64).default(1),
  })
  .refine((env) => !env.ADMIN_PASSWORD || env.ADMIN_PROVINCE_CODE, { path: ['ADMIN_PROVINCE_CODE'], message: 'needed with ADMIN_PASSWORD: the province the administrator manages' });
export type ReportsConfig = z.infer<typeof reportsEnv>;
