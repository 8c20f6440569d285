import { commonEnv, redisUrl } from '@dtp/platform';
import { z } from 'zod';

export const exportsEnv = commonEnv.extend({
  PORT: z.coerce.number().int().min(1).max(65535).default(3104),
  MONGO_DB: commonEnv.shape.MONGO_DB.default('dtp_exports'),
  KAFKA_GROUP_ID: z.string().min(1).default('exports'),
  REDIS_URL: redisUrl,
  QUEUE_PREFIX: z.string().regex(/^[a-z][a-z0-9_-]*$/).default('dtp'),
  /** Verifies officials' tokens the reports service issues: the same secret as there. */
  JWT_SECRET: z.string().min(32, 'at least 32 characters of secret'),
  /** Scorecards, rankings, reporting rates, units and indicator names come from here. */
  INDICATORS_URL: z.url().default('http://127.0.0.1:3102'),
  /** Where finished files are kept: a directory this service alone writes (a volume in k8s). */
  EXPORTS_DIR: z.string().min(1).default('./var/exports'),
  /** Files are deleted this many days after they were made. */
  EXPORT_RETENTION_DAYS: z.coerce.number().min(0.001).max(366).default(7),
  /** Exports made at once by one instance; more wait in the queue, the API stays free. */
  EXPORT_CONCURRENCY: z.coerce.number().int().min(1).max(8).default(2),
  /** Tries per export when something fails on the way (the indicators API, the disk); a refusal is not retried. */
  EXPORT_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
  /** Fonts embedded in PDFs; they must hold every Vietnamese letter (Liberation Serif or DejaVu Serif do). */
  PDF_FONT: z.string().min(1).optional(),
  PDF_FONT_BOLD: z.string().min(1).optional(),
});
export type ExportsConfig = z.infer<typeof exportsEnv>;

/** Settings services read from the container; the config object itself. */
export const EXPORTS_CONFIG = Symbol('EXPORTS_CONFIG');
