import { randomBytes } from 'node:crypto';

const TEST_SUFFIX = '_test';

/**
 * A database name for one test file: always ends in `_test`, so a test can never be pointed at
 * a database that holds real or demo data (the global setup refuses anything else).
 */
export function testDatabaseName(base: string): string {
  const name = `${base}_${randomBytes(3).toString('hex')}${TEST_SUFFIX}`;
  assertTestDatabase(name);
  return name;
}

export function assertTestDatabase(name: string): void {
  if (!name.endsWith(TEST_SUFFIX)) throw new Error(`refusing to use database "${name}" in tests: its name must end in ${TEST_SUFFIX}`);
}

let codesMade = 0;

/**
 * A code no other test run uses, so tests sharing one Kafka topic never see each other's data.
 * The counter keeps codes made in one millisecond apart (two random bytes alone collided about once
 * in a hundred runs of a 40-unit test); the random part keeps parallel test processes apart.
 */
export function uniqueCode(prefix: string): string {
  codesMade += 1;
  return `${prefix}${Date.now().toString(36)}${codesMade.toString(36)}${randomBytes(3).toString('hex')}`;
}
