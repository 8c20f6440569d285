import { Inject, Injectable } from '@nestjs/common';
import { normalizeIp } from '@nestjs/throttler';
import { RedisThrottlerStorage } from './redis-throttler.storage';
import { limitsUnavailable, TooManyRequests } from './too-many-requests';

export interface SignInLimitOptions {
  /** Failed sign-ins per username within the window before it is locked. */
  failuresPerUsername: number;
  /** Failed sign-ins from one client address within the window before it is locked. */
  failuresPerAddress: number;
  windowSeconds: number;
  lockSeconds: number;
}

export const SIGN_IN_LIMIT_OPTIONS = Symbol('SIGN_IN_LIMIT_OPTIONS');
const PER_USERNAME = 'sign-in-username';
const PER_ADDRESS = 'sign-in-address';

/**
 * Password guessing stops at a few failures per username (whether the user exists or not, so the
 * lock reveals nothing) and at more per client address (one address trying many usernames).
 * Every attempt is counted before the password is checked, so a burst of concurrent guesses gets
 * no more tries than the limit; a success gives its count back, so only failures add up.
 */
@Injectable()
export class SignInLimits {
  constructor(
    private readonly storage: RedisThrottlerStorage,
    @Inject(SIGN_IN_LIMIT_OPTIONS) private readonly options: SignInLimitOptions,
  ) {}

  async guard<T>(attempt: { username: string; address: string }, verify: () => Promise<T>): Promise<T> {
    const { windowSeconds, lockSeconds, failuresPerUsername, failuresPerAddress } = this.options;
    const [window, lock] = [windowSeconds * 1000, lockSeconds * 1000];
    // An IPv6 client holds a whole /64: counted by address it would get a fresh count per address.
    const address = normalizeIp(attempt.address);
    const counts = await Promise.all([
      this.storage.increment(attempt.username, window, failuresPerUsername, lock, PER_USERNAME),
      this.storage.increment(address, window, failuresPerAddress, lock, PER_ADDRESS),
    ]).catch(limitsUnavailable);
    const blocked = counts.filter((count) => count.isBlocked);
    if (blocked.length > 0) {
      const seconds = Math.max(...blocked.map((count) => count.timeToBlockExpire));
      throw new TooManyRequests(
        seconds,
        'sign-in-locked',
        `too many failed sign-ins for this username or from this address: try again in ${seconds} seconds, or ask an administrator of your province to unlock the account`,
        `đăng nhập sai quá nhiều lần với tên đăng nhập này hoặc từ địa chỉ này: hãy thử lại sau ${seconds} giây, hoặc đề nghị quản trị viên của tỉnh mở khoá tài khoản`,
      );
    }
    const result = await verify();
    // The address keeps its other attempts: an office behind one address signs in all morning.
    await Promise.all([this.storage.reset(attempt.username, PER_USERNAME), this.storage.giveBack(address, PER_ADDRESS)]).catch(limitsUnavailable);
    return result;
  }

  /** Lifts a username's lock and forgets its failures. */
  async unlock(username: string): Promise<void> {
    await this.storage.reset(username, PER_USERNAME).catch(limitsUnavailable);
  }
}
