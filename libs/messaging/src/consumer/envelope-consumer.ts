import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { describeIssues, deadLetterTopicOf, Topic } from '@dtp/contracts';
import { withCorrelationId } from '@dtp/platform';
import { z } from 'zod';
import { KafkaClient } from '../kafka/kafka-client';

/** What a consumer needs of Nest's KafkaContext: the raw message and where it came from. */
export interface ConsumedMessage {
  topic: Topic;
  partition: number;
  offset: string;
  key: string | null;
  value: unknown;
}

export interface RetryPolicy {
  attempts: number;
  initialDelayMs: number;
}

const DEFAULT_RETRY: RetryPolicy = { attempts: 4, initialDelayMs: 200 };

export type Outcome = 'handled' | 'dead-lettered';

/** Where a service keeps what it dead-letters, besides the `.dlq` topic (DeadLettersModule). */
export const DEAD_LETTER_STORE = Symbol('DEAD_LETTER_STORE');

export interface DeadLetterStore {
  record(message: { topic: string; partition: number; offset: string; key: string | null; value: string; reason: string; attempts: number }): Promise<void>;
}

/**
 * Validates a message against its contract where it is consumed, runs the handler with bounded
 * retries and exponential backoff, and parks what still fails on `<topic>.dlq` with the reason,
 * so one poison message never blocks a partition and none is dropped silently. Handlers must be
 * idempotent: delivery is at least once.
 */
@Injectable()
export class EnvelopeConsumer {
  private readonly logger = new Logger(EnvelopeConsumer.name);

  constructor(
    private readonly kafka: KafkaClient,
    @Optional() @Inject(DEAD_LETTER_STORE) private readonly store?: DeadLetterStore,
  ) {}

  async consume<TSchema extends z.ZodType<{ correlationId: string; id: string }>>(
    message: ConsumedMessage,
    schema: TSchema,
    handler: (event: z.infer<TSchema>) => Promise<void>,
    retry: RetryPolicy = DEFAULT_RETRY,
  ): Promise<Outcome> {
    const event = await this.parse(message, schema);
    if (event === undefined) return 'dead-lettered';
    return withCorrelationId(event.correlationId, async () => {
      let delay = retry.initialDelayMs;
      for (let attempt = 1; ; attempt += 1) {
        try {
          await handler(event);
          return 'handled';
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          if (attempt >= retry.attempts) {
            await this.deadLetter(message, `handler failed after ${attempt} attempts: ${reason}`, attempt);
            return 'dead-lettered';
          }
          this.logger.warn(`event ${event.id} attempt ${attempt} failed, retrying in ${delay} ms: ${reason}`);
          await sleep(delay);
          delay *= 2;
        }
      }
    });
  }

  /** The message's event if it is readable and valid; otherwise parks it on the dead-letter topic and returns undefined. */
  async parse<TSchema extends z.ZodType>(message: ConsumedMessage, schema: TSchema): Promise<z.infer<TSchema> | undefined> {
    const decoded = decode(message.value);
    if (!decoded.ok) {
      await this.deadLetter(message, `unreadable: ${decoded.reason}`, 0);
      return undefined;
    }
    const parsed = schema.safeParse(decoded.value);
    if (!parsed.success) {
      await this.deadLetter(message, `invalid: ${describeIssues(parsed.error)}`, 0);
      return undefined;
    }
    return parsed.data;
  }

  private async deadLetter(message: ConsumedMessage, reason: string, attempts: number): Promise<void> {
    this.logger.error(`dead-lettering ${message.topic}[${message.partition}]@${message.offset}: ${reason}`);
    const value = typeof message.value === 'string' ? message.value : JSON.stringify(message.value ?? null);
    await this.kafka.send(deadLetterTopicOf(message.topic), [
      {
        key: message.key ?? '',
        value,
        headers: {
          'dlq-reason': reason.slice(0, 2000),
          'dlq-original-topic': message.topic,
          'dlq-original-partition': String(message.partition),
          'dlq-original-offset': message.offset,
          'dlq-attempts': String(attempts),
          'dlq-at': new Date().toISOString(),
        },
      },
    ]);
    await this.store?.record({ topic: message.topic, partition: message.partition, offset: message.offset, key: message.key, value, reason, attempts });
  }
}

function decode(value: unknown): { ok: true; value: unknown } | { ok: false; reason: string } {
  if (Buffer.isBuffer(value)) value = value.toString('utf8');
  if (typeof value !== 'string') return { ok: true, value };
  try {
    return { ok: true, value: JSON.parse(value) };
  } catch (error) {
    return { ok: false, reason: `not JSON (${error instanceof Error ? error.message : String(error)})` };
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
