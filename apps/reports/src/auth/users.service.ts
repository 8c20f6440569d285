import { ConflictException, Injectable, Logger } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { unauthorized } from './auth-problems';
import { Principal, Role } from './principal';
import { User } from './schemas/user.schema';
import { hashPassword, passwordMatches } from './secret-hash';

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

  constructor(@InjectModel(User.name) private readonly users: Model<User>) {}

  async create(user: NewUser): Promise<Omit<User, 'passwordHash'>> {
    try {
      const created = await this.users.create({
        _id: user.username,
        passwordHash: hashPassword(user.password),
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
    // The same answer for an unknown user and a wrong password: no way to probe usernames.
    if (!user || !passwordMatches(password, user.passwordHash)) throw unauthorized('wrong username or password', 'sai tên đăng nhập hoặc mật khẩu');
    return { kind: 'official', username: user._id, roles: user.roles, provinceCode: user.provinceCode, ...(user.unitCode ? { unitCode: user.unitCode } : {}) };
  }
}
