import { userVerbs } from './accounts.js';
import { runCli } from './main.js';
import { tokenVerbs } from './tokens.js';

/** The `ledger` command: a composition root, the one place the CLI reads its environment. */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  readStdin,
  env: process.env,
  extensions: [userVerbs, tokenVerbs],
});
