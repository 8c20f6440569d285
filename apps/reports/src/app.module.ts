import { DynamicModule, Module } from '@nestjs/common';
import { serviceInfrastructure, UnitsDirectoryModule } from '@dtp/messaging';
import { AuthModule } from './auth/auth.module';
import { ReportsConfig } from './config';
import { Dhis2Module } from './dhis2/dhis2.module';
import { ExcelModule } from './excel/excel.module';
import { FormsModule } from './forms/forms.module';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { LimitsModule } from './limits/limits.module';
import { SubmissionsModule } from './submissions/submissions.module';
import { WorkingCalendarModule } from './working-calendar/working-calendar.module';

export const SERVICE_NAME = 'reports';

@Module({})
export class AppModule {
  static forRoot(config: ReportsConfig): DynamicModule {
    const admin = config.ADMIN_PASSWORD && config.ADMIN_PROVINCE_CODE ? { username: config.ADMIN_USERNAME, password: config.ADMIN_PASSWORD, provinceCode: config.ADMIN_PROVINCE_CODE, national: config.ADMIN_NATIONAL } : undefined;
    const forms = FormsModule.register();
    const submissions = SubmissionsModule.register(forms);
    return {
      module: AppModule,
      imports: [
        ...serviceInfrastructure({ service: SERVICE_NAME, env: config }),
        UnitsDirectoryModule.register({ ...(config.INDICATORS_URL ? { indicatorsUrl: config.INDICATORS_URL } : {}) }),
        // Vietnam's shipped days off, the env's extra days for the whole deployment, each province's changes.
        WorkingCalendarModule.register({ holidays: config.PUBLIC_HOLIDAYS, workingWeekendDays: config.WORKING_WEEKEND_DAYS }),
        forms,
        LimitsModule.register({
          redisUrl: config.REDIS_URL,
          prefix: config.RATE_LIMIT_PREFIX,
          signIn: {
            failuresPerUsername: config.SIGN_IN_FAILURES_PER_USERNAME,
            failuresPerAddress: config.SIGN_IN_FAILURES_PER_ADDRESS,
            windowSeconds: config.SIGN_IN_WINDOW_SECONDS,
            lockSeconds: config.SIGN_IN_LOCK_SECONDS,
          },
          unitWrites: { limit: config.UNIT_WRITES_PER_WINDOW, windowSeconds: config.UNIT_WRITES_WINDOW_SECONDS },
        }),
        AuthModule.register({ jwtSecret: config.JWT_SECRET, tokenTtlSeconds: config.TOKEN_TTL_SECONDS, passwordChecksAtOnce: config.PASSWORD_CHECKS_AT_ONCE, ...(admin ? { admin } : {}) }),
        IdempotencyModule,
        submissions,
        Dhis2Module.register(submissions),
        ExcelModule.register(forms, submissions),
      ],
    };
  }
}
