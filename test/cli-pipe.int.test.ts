import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * `ledger … | head`: the reader closes the pipe after a few lines. The command stops
 * printing quietly and exits as it would have, never with a stack trace about EPIPE.
 */
describe('the CLI behind a pipe that closes early', () => {
  it('a help text whose reader has gone ends without an error, as `ledger … --help | true` would', async () => {
    const bin = resolve('bin/ledger.js');
    if (!existsSync(resolve('dist/src/cli/bin.js')))
      throw new Error('dist/src/cli/bin.js is missing: this test runs the built CLI; run "npm run build" (npm test does) first');
    const child = spawn(process.execPath, [bin, 'open-balances', 'import', '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // The reader closes the pipe before the command has printed anything.
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolveExit) => child.once('close', resolveExit));
    expect(stderr).not.toContain('EPIPE');
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
