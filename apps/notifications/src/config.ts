import { DEFAULT_WORKING_HOURS, parseWorkingHours } from '@dtp/domain';
import { commonEnv, localDateList, redisUrl } from '@dtp/platform';
import { z } from 'zod';
import { EMPTY_ALLOW_LIST, parseAllowList } from './webhooks/allow-list';

export const notificationsEnv = commonEnv.extend({
  PORT: z.coerce.number().int().min(1).max(65535).default(3103),
  MONGO_DB: commonEnv.shape.MONGO_DB.default('dtp_notifications'),
  KAFKA_GROUP_ID: z.string().min(1).default('notifications'),
  REDIS_URL: redisUrl,
  QUEUE_PREFIX: z.string().regex(/^[a-z][a-z0-9_-]*$/).default('dtp'),
  /** Verifies officials' tokens the reports service issues: the same secret as there. */
  JWT_SECRET: z.string().min(32, 'at least 32 characters of secret'),
  /** The mail relay; smtps:// for implicit TLS, credentials in the URL. */
  SMTP_URL: z.string().regex(/^smtps?:\/\/\S+$/, 'an smtp:// or smtps:// URL').default('smtp://127.0.0.1:2525'),
  MAIL_FROM: z.string().min(3).default('Hệ thống báo cáo chuyển đổi số <no-reply@localhost>'),
  /** Office hours in Vietnam (HH:MM-HH:MM): nothing is sent outside them, nor on non-working days. */
  WORKING_HOURS: z
    .string()
    .default('07:30-17:00')
    .transform((s, ctx) => {
      try {
        return parseWorkingHours(s);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return DEFAULT_WORKING_HOURS;
      }
    }),
  /** Extra days off and weekend days worked for every province, as in reports (the same values). */
  PUBLIC_HOLIDAYS: localDateList,
  WORKING_WEEKEND_DAYS: localDateList,
  /** When the reminder planner runs, as cron in Asia/Ho_Chi_Minh: hourly in office hours by default, so a form saved mid-morning is planned that day. */
  PLAN_CRON: z.string().min(9).default('0 7-16 * * *'),
  /** How often due deliveries are handed to the senders. */
  DISPATCH_EVERY_MS: z.coerce.number().int().min(1000).max(3_600_000).default(30_000),
  /** Tries per delivery (the first and the retries) and the first retry's delay; it doubles each time. */
  DELIVERY_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(6),
  DELIVERY_BACKOFF_MS: z.coerce.number().int().min(10).max(3_600_000).default(60_000),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  /**
   * Internal systems webhooks may reach (comma list of host names, IP addresses, CIDR networks):
   * any other destination must resolve to public addresses only.
   */
  WEBHOOK_ALLOWED_HOSTS: z
    .string()
    .default('')
    .transform((s, ctx) => {
      try {
        return parseAllowList(s);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return EMPTY_ALLOW_LIST;
      }
    }),
  /** Where units come from: the indicators service's /api/v1/units; without it, the reference units only. */
  INDICATORS_URL: z.url().optional(),
  /** The reporting calendar covers deadlines this many days back and ahead of today. */
  CALENDAR_DAYS_BACK: z.coerce.number().int().min(1).max(366).default(60),
  CALENDAR_DAYS_AHEAD: z.coerce.number().int().min(1).max(366).default(45),
  /** The exports service's public address, for download links in "export finished" notices. */
  EXPORTS_URL: z.url().default('http://127.0.0.1:3104'),
  /** The dashboard's address, for links in messages. */
  DASHBOARD_URL: z.url().default('http://127.0.0.1:3100'),
});
export type NotificationsConfig = z.infer<typeof notificationsEnv>;

/** Settings services read from the container; the config object itself. */
export const NOTIFICATIONS_CONFIG = Symbol('NOTIFICATIONS_CONFIG');
