import { DynamicModule, Inject, Module, OnApplicationBootstrap } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { MongooseModule } from '@nestjs/mongoose';
import { OfficialTokens } from '@dtp/platform';
import { ApiKeysService } from './api-keys.service';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { ApiKey, ApiKeySchema } from './schemas/api-key.schema';
import { User, UserSchema } from './schemas/user.schema';
import { PASSWORD_CHECKS_AT_ONCE, UsersService } from './users.service';

export interface AuthOptions {
  jwtSecret: string;
  tokenTtlSeconds: number;
  /** Password hashes computed at once (each takes a thread of libuv and a core while it runs). */
  passwordChecksAtOnce: number;
  /** The first administrator, created at start if missing. */
  admin?: { username: string; password: string; provinceCode: string; national?: boolean };
}

const AUTH_OPTIONS = Symbol('AUTH_OPTIONS');

/** API keys for units' systems, signed tokens for officials, and the guard that closes every route by default. */
@Module({})
export class AuthModule implements OnApplicationBootstrap {
  constructor(
    private readonly users: UsersService,
    @Inject(AUTH_OPTIONS) private readonly options: AuthOptions,
  ) {}

  static register(options: AuthOptions): DynamicModule {
    return {
      module: AuthModule,
      imports: [
        MongooseModule.forFeature([
          { name: ApiKey.name, schema: ApiKeySchema },
          { name: User.name, schema: UserSchema },
        ]),
      ],
      controllers: [AuthController],
      providers: [
        { provide: AUTH_OPTIONS, useValue: options },
        { provide: PASSWORD_CHECKS_AT_ONCE, useValue: options.passwordChecksAtOnce },
        { provide: OfficialTokens, useValue: new OfficialTokens(options.jwtSecret, options.tokenTtlSeconds) },
        ApiKeysService,
        UsersService,
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [ApiKeysService, UsersService, OfficialTokens],
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    const admin = this.options.admin;
    if (admin) await this.users.ensureAdmin(admin.username, admin.password, admin.provinceCode, admin.national ?? false);
  }
}
