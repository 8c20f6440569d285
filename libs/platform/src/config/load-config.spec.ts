import { commonEnv } from './common-env';
import { ConfigError, loadConfig } from './load-config';

const valid = { PORT: '3101', KAFKA_BROKERS: '127.0.0.1:19092, 127.0.0.2:19092', MONGO_URL: 'mongodb://127.0.0.1:27117', MONGO_DB: 'dtp_reports' };

describe('loadConfig', () => {
  it('parses and types a valid environment', () => {
    const config = loadConfig(commonEnv, valid);
    expect(config).toMatchObject({ PORT: 3101, KAFKA_BROKERS: ['127.0.0.1:19092', '127.0.0.2:19092'], HOST: '127.0.0.1', LOG_LEVEL: 'info' });
  });

  it('names every bad or missing variable in one message', () => {
    let error: unknown;
    try {
      loadConfig(commonEnv, { ...valid, PORT: '70000', MONGO_URL: 'postgres://x', KAFKA_BROKERS: undefined });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^PORT: .*\(got "70000"\)$/),
        'MONGO_URL: a mongodb:// URL (got "postgres://x")',
        'KAFKA_BROKERS: required but not set',
      ]),
    );
    expect((error as Error).message).toMatch(/^Invalid environment:\n {2}- /);
  });

  it('reports a bad broker in a list under the variable’s own name', () => {
    expect(() => loadConfig(commonEnv, { ...valid, KAFKA_BROKERS: '127.0.0.1:19092,nonsense' })).toThrow(/KAFKA_BROKERS: each broker as host:port/);
  });
});
