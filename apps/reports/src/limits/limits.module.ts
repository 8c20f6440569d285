import { DynamicModule, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { RedisThrottlerStorage } from './redis-throttler.storage';
import { SIGN_IN_LIMIT_OPTIONS, SignInLimitOptions, SignInLimits } from './sign-in-limits.service';
import { UNIT_WRITES, UnitWritesGuard } from './unit-writes.guard';

export interface LimitsOptions {
  redisUrl: string;
  /** Prefix of the counters' Redis keys: replicas that share it share their counts. */
  prefix: string;
  signIn: SignInLimitOptions;
  unitWrites: { limit: number; windowSeconds: number };
}

/** Abuse limits counted in Redis, so that every replica counts the same: failed sign-ins and units' writes. */
@Module({})
export class LimitsModule implements OnApplicationShutdown {
  constructor(@Inject(RedisThrottlerStorage) private readonly storage: RedisThrottlerStorage) {}

  static register(options: LimitsOptions): DynamicModule {
    const storage = new RedisThrottlerStorage(options.redisUrl, options.prefix);
    const { limit, windowSeconds } = options.unitWrites;
    return {
      module: LimitsModule,
      global: true,
      imports: [
        // Headers are set by the guard itself: a plain Retry-After, not one suffixed by the throttler's name.
        ThrottlerModule.forRoot({ throttlers: [{ name: UNIT_WRITES, limit, ttl: windowSeconds * 1000 }], storage, setHeaders: false }),
      ],
      providers: [{ provide: RedisThrottlerStorage, useValue: storage }, { provide: SIGN_IN_LIMIT_OPTIONS, useValue: options.signIn }, SignInLimits, UnitWritesGuard],
      exports: [RedisThrottlerStorage, SignInLimits, UnitWritesGuard],
    };
  }

  onApplicationShutdown(): Promise<void> {
    return this.storage.close();
  }
}
