import { Writable } from 'node:stream';
import { withCorrelationId } from './correlation';
import { JsonLogger } from './json-logger';

function capture(): { stream: Writable; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, lines: () => chunks.join('').trim().split('\n').map((l) => JSON.parse(l)) };
}

describe('JsonLogger', () => {
  it('writes one JSON object per line with service, context and the current correlation id', () => {
    const out = capture();
    const logger = new JsonLogger('reports', 'info', out.stream);
    withCorrelationId('corr-42', () => logger.log('submission stored', 'SubmissionsService'));
    logger.warn({ msg: 'slow', ms: 1200 }, 'Http');
    const [first, second] = out.lines();
    expect(first).toMatchObject({ level: 'info', service: 'reports', context: 'SubmissionsService', correlationId: 'corr-42', msg: 'submission stored' });
    expect(second).toMatchObject({ level: 'warn', context: 'Http', msg: 'slow', ms: 1200 });
    expect(second).not.toHaveProperty('correlationId');
  });

  it('keeps an error’s message and stack', () => {
    const out = capture();
    new JsonLogger('indicators', 'info', out.stream).error(new Error('broker gone'), 'KafkaClient');
    const [line] = out.lines();
    expect(line).toMatchObject({ level: 'error', msg: 'broker gone', context: 'KafkaClient' });
    expect((line!['err'] as { stack: string }).stack).toMatch(/broker gone/);
  });

  it('drops messages below its level', () => {
    const out = capture();
    const logger = new JsonLogger('exports', 'warn', out.stream);
    logger.log('hidden');
    logger.error('shown');
    expect(out.lines().map((l) => l['msg'])).toEqual(['shown']);
  });
});
