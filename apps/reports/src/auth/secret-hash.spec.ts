import { randomBytes, scryptSync } from 'node:crypto';
import { hashPassword, passwordMatches } from './secret-hash';

describe('password hashes', () => {
  it('still accepts a hash stored before hashing became asynchronous (same scheme, salt and cost)', async () => {
    const salt = randomBytes(16);
    const stored = `scrypt$${salt.toString('base64')}$${scryptSync('correct horse battery', salt, 32).toString('base64')}`;
    await expect(passwordMatches('correct horse battery', stored)).resolves.toBe(true);
    await expect(passwordMatches('correct horse batterY', stored)).resolves.toBe(false);
  });

  it('checks a new hash without blocking: the answer is a promise, and only the right password matches', async () => {
    const pending = hashPassword('a long passphrase');
    expect(pending).toBeInstanceOf(Promise);
    const stored = await pending;
    expect(stored).toMatch(/^scrypt\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    await expect(passwordMatches('a long passphrase', stored)).resolves.toBe(true);
    await expect(passwordMatches('a long passphrasf', stored)).resolves.toBe(false);
  });

  it('refuses a stored value that is not a scrypt hash', async () => {
    await expect(passwordMatches('anything', 'plain$text')).resolves.toBe(false);
  });
});
