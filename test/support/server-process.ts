import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The built server (dist/src/main.js, as `npm start` and `npm run serve` run it) in a child
 * process on a free port: started, its output kept, its URL read from the line that says
 * it serves, stopped with SIGTERM (so it signs its shutdown checkpoint).
 */
const builtServer = join(import.meta.dirname, '..', '..', 'dist', 'src', 'main.js');
export const builtServerMissing = existsSync(builtServer) ? undefined : `${builtServer} is not built (npm run build)`;

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
  /** The JSON lines of the log so far (other output left out). */
  logLines: () => Record<string, unknown>[];
  stop: () => Promise<number | null>;
}

export async function startBuiltServer(env: Record<string, string>, args: string[] = []): Promise<ServerProcess> {
  const child = spawn(process.execPath, [builtServer, ...args], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LEDGER_CHECKPOINT_MINUTES: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 30 s:\n${output}`)), 30_000);
    const check = setInterval(() => {
      const serving = /The ledger serves (http:\/\/[^ ]+)/.exec(output);
      if (serving) {
        clearInterval(check);
        clearTimeout(timer);
        resolve(serving[1]!);
      }
    }, 50);
    child.once('exit', (code) => {
      clearInterval(check);
      clearTimeout(timer);
      reject(new Error(`exited ${code}:\n${output}`));
    });
  });
  const logLines = () =>
    output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  const stop = async () => {
    if (child.exitCode !== null) return child.exitCode;
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    return exited;
  };
  return { child, url, output: () => output, logLines, stop };
}

/** Runs the built server until it exits by itself (a refused setting); its exit code and output. */
export async function runBuiltServerToExit(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [builtServer], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearTimeout(timer);
  return { code, output };
}

/** Polls until `probe` returns a value (not undefined), or fails after `seconds`. */
export async function eventually<T>(probe: () => Promise<T | undefined>, seconds = 20): Promise<T> {
  const until = Date.now() + seconds * 1000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`nothing came within ${seconds} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
