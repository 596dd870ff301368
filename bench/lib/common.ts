import { createReadStream } from 'node:fs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file runs as dist/bench/lib/common.js). */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** Reports and the cached histories live here; bench/reports/ is git-ignored. */
export const REPORTS = join(ROOT, 'bench', 'reports');
export const CACHE = join(REPORTS, 'cache');
const TASKS = join(ROOT, 'dist', 'bench', 'tasks');

/** Milliseconds since an arbitrary start, high resolution. */
export function now(): number {
  return performance.now();
}

/** The peak resident set size of this process so far, in MiB. */
export function peakRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

export function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** A benchmark task ends by printing one `RESULT {json}` line on stdout. */
export function result(value: unknown): void {
  process.stdout.write(`RESULT ${JSON.stringify(value)}\n`);
}

export function progress(text: string): void {
  process.stderr.write(`  ${text}\n`);
}

/** The non-empty lines of a UTF-8 text file, streamed in 1 MiB chunks. */
export async function* lines(path: string): AsyncIterable<string> {
  let rest = '';
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    const text = rest + (chunk as string);
    let start = 0;
    for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', start)) {
      if (newline > start) yield text.slice(start, newline);
      start = newline + 1;
    }
    rest = text.slice(start);
  }
  if (rest !== '') yield rest;
}

/** Runs a compiled task in its own process (fresh heap, its own peak RSS) and returns its RESULT. */
export function runTask<T>(task: string, args: string[], options: { env?: Record<string, string> } = {}): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', join(TASKS, `${task}.js`), ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, ...options.env },
    });
    let stdout = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (stdout += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = stdout.split('\n').find((candidate) => candidate.startsWith('RESULT '));
      if (code !== 0 || !line) reject(new Error(`bench task ${task} failed (exit ${code})\n${stdout}`));
      else resolve(JSON.parse(line.slice('RESULT '.length)) as T);
    });
  });
}

/** Parses `--name value` arguments. */
export function argument(name: string, fallback?: string): string {
  const index = process.argv.indexOf(`--${name}`);
  const value = index === -1 ? fallback : process.argv[index + 1];
  if (value === undefined) throw new Error(`missing --${name}`);
  return value;
}
