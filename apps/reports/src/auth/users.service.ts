import { ConflictException, Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { KeyedMutex, refusal } from '@dtp/platform';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { unauthorized } from './auth-problems';
import { Principal, Role } from './principal';
import { User } from './schemas/user.schema';
import { hashPassword, passwordMatches, randomSecret } from './secret-hash';

export const PASSWORD_CHECKS_AT_ONCE = Symbol('PASSWORD_CHECKS_AT_ONCE');

export interface NewUser {
  username: string;
  password: string;
  roles: Role[];
  provinceCode: string;
  unitCode?: string;
}

@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);

  /**
   * Hashing runs on libuv's threads, but those share the CPU with the event loop: a burst of
   * sign-ins hashing on every thread would starve /health/live as surely as scryptSync blocked it.
   * A few at a time keep a core for the loop; the rest wait their turn (the sign-in limits bound
   * how many can).
   */
  private readonly hashing = new KeyedMutex();
  private hashes = 0;
  /** Checked against for an unknown username: the same scrypt work as for a real one, so the time to answer reveals nothing. */
  private readonly dummyHash: Promise<string>;

  constructor(
    @InjectModel(User.name) private readonly users: Model<User>,
    @Optional() @Inject(PASSWORD_CHECKS_AT_ONCE) private readonly checksAtOnce = 1,
  ) {
    this.dummyHash = this.inTurn(() => hashPassword(randomSecret()));
  }

  async create(user: NewUser): Promise<Omit<User, 'passwordHash'>> {
    try {
      const created = await this.users.create({
        _id: user.username,
        passwordHash: await this.inTurn(() => hashPassword(user.password)),
        roles: user.roles,
        provinceCode: user.provinceCode,
        unitCode: user.unitCode ?? null,
        createdAt: new Date(),
      });
      const { passwordHash: _hash, ...rest } = created.toObject();
      return rest;
    } catch (error) {
      if ((error as { code?: number }).code === 11000) throw new ConflictException(`user ${user.username} already exists`);
      throw error;
    }
  }

  /**
   * The first administrator, from the environment, so a new installation can be configured; a
   * national one when asked, since only a national administrator grants that role.
   */
  async ensureAdmin(username: string, password: string, provinceCode: string, national = false): Promise<void> {
    if (await this.users.exists({ _id: username })) return;
    await this.create({ username, password, roles: ['admin', 'reviewer', ...(national ? (['national-admin'] as const) : [])], provinceCode });
    this.logger.log(`created administrator ${username}`);
  }

  async authenticate(username: string, password: string): Promise<Principal> {
    const user = await this.users.findById(username).lean().exec();
    const stored = user?.passwordHash ?? (await this.dummyHash);
    const matches = await this.inTurn(() => passwordMatches(password, stored));
    // The same answer for an unknown user and a wrong password: no way to probe usernames.
    if (!user || !matches) throw unauthorized('wrong username or password', 'sai tên đăng nhập hoặc mật khẩu');
    return { kind: 'official', username: user._id, roles: user.roles, provinceCode: user.provinceCode, ...(user.unitCode ? { unitCode: user.unitCode } : {}) };
  }

  private inTurn<T>(hash: () => Promise<T>): Promise<T> {
    this.hashes += 1;
    return this.hashing.run(`slot ${this.hashes % this.checksAtOnce}`, hash);
  }

  /** A user an administrator of the province may manage; another province's users are as unknown as missing ones. */
  async assertInProvince(username: string, provinceCode: string): Promise<void> {
    if (await this.users.exists({ _id: username, provinceCode })) return;
    throw refusal(404, 'unknown-user', `no user ${username} in province ${provinceCode}`, `không có người dùng ${username} trong tỉnh ${provinceCode}`);
  }
}
