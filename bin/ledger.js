#!/usr/bin/env node
// The package's `ledger` command. It runs the compiled CLI; `npm ci` builds it (prepare).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const compiled = new URL('../dist/src/cli/bin.js', import.meta.url);
if (!existsSync(fileURLToPath(compiled))) {
  process.stderr.write('ledger: the CLI is not built yet; run "npm run build" (npm ci does it too)\n');
  process.exit(1);
}
await import(compiled.href);
