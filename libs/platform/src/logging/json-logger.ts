import { LoggerService } from '@nestjs/common';
import pino, { Logger } from 'pino';
import { currentCorrelationId } from './correlation';

/** Log lines gathered before one write to stdout; a write per line cost a busy service a quarter of its reads/s. */
const BUFFER_BYTES = 4096;
/** The longest a line waits in the buffer (warnings and errors are written at once). */
const FLUSH_EVERY_MS = 250;
const FLUSH_AT_ONCE = new Set<pino.Level>(['warn', 'error', 'fatal']);

/**
 * Nest's logger interface over pino: one JSON object per line, with the correlation id. Lines go
 * to stdout in blocks, at most FLUSH_EVERY_MS late; pino flushes what is left when the process
 * exits (services exit with process.exit after their shutdown hooks, createService); a SIGKILL may
 * lose that last quarter-second of info lines, never a warning or error.
 */
export class JsonLogger implements LoggerService {
  private readonly pino: Logger;
  private readonly buffered?: { flush(): void };

  constructor(service: string, level = 'info', destination?: pino.DestinationStream) {
    if (!destination) {
      const stdout = pino.destination({ dest: 1, sync: false, minLength: BUFFER_BYTES });
      setInterval(() => flushQuietly(stdout), FLUSH_EVERY_MS).unref();
      this.buffered = stdout;
      destination = stdout;
    }
    this.pino = pino(
      {
        level,
        base: { service },
        timestamp: pino.stdTimeFunctions.isoTime,
        formatters: { level: (label) => ({ level: label }) },
        mixin: () => {
          const correlationId = currentCorrelationId();
          return correlationId ? { correlationId } : {};
        },
      },
      destination,
    );
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  /** Nest passes the context (class name) last, and an error's stack before it. */
  private write(level: pino.Level, message: unknown, rest: unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const args = [...rest];
    const context = typeof args[args.length - 1] === 'string' ? (args.pop() as string) : undefined;
    const fields: Record<string, unknown> = context ? { context } : {};
    for (const extra of args) {
      if (extra instanceof Error) fields['err'] = extra;
      else if (typeof extra === 'string') fields['stack'] = extra;
      else if (extra && typeof extra === 'object') Object.assign(fields, extra);
    }
    if (message instanceof Error) this.pino[level]({ ...fields, err: message }, message.message);
    else if (message && typeof message === 'object') this.pino[level]({ ...fields, ...(message as object) });
    else this.pino[level](fields, String(message));
    if (this.buffered && FLUSH_AT_ONCE.has(level)) flushQuietly(this.buffered);
  }
}

/** sonic-boom refuses to flush while it is not ready (just opened, or mid-write): the timer tries again. */
function flushQuietly(stream: { flush(): void }): void {
  try {
    stream.flush();
  } catch {
    // next tick of the timer
  }
}
