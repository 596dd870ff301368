// Copies the front end's static files (HTML, CSS, icons) next to the compiled
// browser modules: src/web/static/** → dist/web/**. Run after `tsc -p tsconfig.web.json`.
import { cpSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const target = process.argv[2] ?? join(root, 'dist', 'web');
mkdirSync(target, { recursive: true });
cpSync(join(root, 'src', 'web', 'static'), target, { recursive: true });
