import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { waitFor } from './wait-for';

export interface RunningService {
  name: string;
  baseUrl: string;
  process: ChildProcess;
  output: () => string;
  stop: () => Promise<number | null>;
}

const workspaceRoot = path.resolve(__dirname, '../../..');

/** Path of a service's built entry point (npm run build writes it). */
export function builtEntryOf(app: string): string {
  return path.join(workspaceRoot, 'dist/apps', app, 'src/main.js');
}

/** Runs a built service as its own process with the given environment; resolves when it exits. */
export function runServiceProcess(app: string, env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [builtEntryOf(app)], {
    env: { PATH: process.env['PATH'] ?? '', KAFKAJS_NO_PARTITIONER_WARNING: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** Starts a built service and waits until /health/ready says every dependency answers. */
export async function startServiceProcess(app: string, port: number, env: Record<string, string>): Promise<RunningService> {
  const { child, output, exited } = runServiceProcess(app, { ...env, PORT: String(port), HOST: '127.0.0.1' });
  const baseUrl = `http://127.0.0.1:${port}`;
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  try {
    await waitFor(
      async () => {
        if (exitCode !== undefined) throw new Error(`exited with ${exitCode}`);
        return (await fetch(`${baseUrl}/health/ready`)).status;
      },
      (status) => status === 200,
      { timeoutMs: 45000, intervalMs: 250, what: `${app} to be ready` },
    );
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${app} did not become ready: ${(error as Error).message}\n--- output ---\n${output().slice(-4000)}`);
  }
  return {
    name: app,
    baseUrl,
    process: child,
    output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
