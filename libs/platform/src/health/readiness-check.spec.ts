import { runChecks } from './readiness-check';

describe('runChecks', () => {
  it('reports each dependency up or down with the reason', async () => {
    const result = await runChecks(
      [
        { name: 'mongodb', check: async () => undefined },
        { name: 'kafka', check: async () => Promise.reject(new Error('connection refused')), required: false },
      ],
      1000,
    );
    expect(result).toEqual({ mongodb: { status: 'up', required: true }, kafka: { status: 'down', required: false, error: 'connection refused' } });
  });

  it('counts a dependency that does not answer in time as down', async () => {
    const result = await runChecks([{ name: 'redis', check: () => new Promise(() => undefined) }], 20);
    expect(result).toEqual({ redis: { status: 'down', required: true, error: 'no answer within 20 ms' } });
  });
});
