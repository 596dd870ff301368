import { createInterface } from 'node:readline/promises';
import { userVerbs } from './accounts.js';
import { runCli } from './main.js';
import { tokenVerbs } from './tokens.js';

/** The `ledger` command: a composition root, the one place the CLI reads its environment. */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** A yes-or-no question on the terminal: `j` or `ja` (or `y`, `yes`) is yes. */
async function confirm(question: string): Promise<boolean> {
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^(j|ja|y|yes)$/i.test((await prompt.question(`${question} [j/N] `)).trim());
  } finally {
    prompt.close();
  }
}

// A reader that stops reading (`ledger trail 2025 | head`) closes the pipe: what is left to
// print is dropped, and the command still finishes what it was doing, as Unix tools do.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  readStdin,
  env: process.env,
  extensions: [userVerbs, tokenVerbs],
  ...(process.stdin.isTTY ? { confirm } : {}),
});
