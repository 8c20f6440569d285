import { ConfigError } from '../config/load-config';

/**
 * The top of every main.ts: a bad environment ends the process with a message naming the
 * variable (exit code 78, EX_CONFIG), any other start-up failure with its error.
 */
export function runService(name: string, start: () => Promise<unknown>): void {
  start().catch((error: unknown) => {
    if (error instanceof ConfigError) {
      process.stderr.write(`${name}: ${error.message}\n`);
      process.exit(78);
    }
    process.stderr.write(`${name}: failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
