import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './free-port';
import { waitFor } from './wait-for';

const workspaceRoot = path.resolve(__dirname, '../../..');

function versions(): Record<string, string> {
  const text = readFileSync(path.join(workspaceRoot, 'tools/infra/versions.env'), 'utf8');
  return Object.fromEntries(text.split('\n').filter((l) => /^[A-Z_]+=/.test(l)).map((l) => l.split('=') as [string, string]));
}


/**
 * A Kafka broker of the test's own, from the same cached jars as tools/infra/infra.sh, so a test
 * can stop and restart it (a broker outage) without disturbing the shared one.
 */
export class DedicatedKafka {
  private process?: ChildProcess;
  private readonly home = mkdtempSync(path.join(tmpdir(), 'dtp-kafka-test-'));
  private port = 0;

  get brokers(): string {
    return `127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const v = versions();
    const cache = process.env['DTP_CACHE'] ?? path.join(process.env['XDG_CACHE_HOME'] ?? path.join(homedir(), '.cache'), 'dtp-platform');
    const classpath = path.join(cache, `kafka-${v['SCALA_VERSION']}-${v['KAFKA_VERSION']}`, 'libs', '*');
    const props = path.join(this.home, 'server.properties');
    if (this.port === 0) {
      this.port = await freePort();
      const controller = await freePort();
      writeFileSync(
        props,
        [
          'process.roles=broker,controller',
          'node.id=1',
          `controller.quorum.voters=1@127.0.0.1:${controller}`,
          `listeners=PLAINTEXT://127.0.0.1:${this.port},CONTROLLER://127.0.0.1:${controller}`,
          `advertised.listeners=PLAINTEXT://127.0.0.1:${this.port}`,
          'controller.listener.names=CONTROLLER',
          'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
          `log.dirs=${path.join(this.home, 'data')}`,
          'auto.create.topics.enable=false',
          'offsets.topic.replication.factor=1',
          'transaction.state.log.replication.factor=1',
          'transaction.state.log.min.isr=1',
          'group.initial.rebalance.delay.ms=0',
        ].join('\n'),
      );
      const clusterId = execFileSync('java', ['-cp', classpath, 'kafka.tools.StorageTool', 'random-uuid'], { encoding: 'utf8' }).trim().split('\n').pop() ?? '';
      execFileSync('java', ['-cp', classpath, 'kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', props], { stdio: 'ignore' });
    }
    let output = '';
    this.process = spawn('java', ['-Xmx384m', `-Dlog4j.configuration=file:${path.join(workspaceRoot, 'tools/infra/kafka-log4j.properties')}`, '-cp', classpath, 'kafka.Kafka', props], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.process.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    this.process.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    await waitFor(async () => output, (o) => o.includes('Kafka Server started'), { timeoutMs: 60000, intervalMs: 200, what: `the dedicated Kafka broker on ${this.port}` });
  }

  /** Stops the broker as an outage would (its data stays, so it comes back with its topics). */
  async stop(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.home, { recursive: true, force: true });
  }
}
