// Builds the front end for production: src/web/client/main.ts (with the shared modules it
// imports from the server's code) and src/web/static/assets/app.css, bundled and minified
// by esbuild into dist/web/assets/ under content-hashed names, each also precompressed
// (gzip and brotli) for the server to send as they are; index.html names the hashed files.
// No source maps: the production build ships none. Usage: node src/web/build.mjs [outdir]
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const target = process.argv[2] ?? join(root, 'dist', 'web');
const assets = join(target, 'assets');
rmSync(target, { recursive: true, force: true });
mkdirSync(assets, { recursive: true });

const result = await build({
  entryPoints: { app: join(root, 'src/web/client/main.ts'), style: join(root, 'src/web/static/assets/app.css') },
  outdir: assets,
  entryNames: '[name]-[hash]',
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2022',
  platform: 'browser',
  sourcemap: false,
  legalComments: 'none',
  charset: 'utf8',
  metafile: true,
  logLevel: 'warning',
});

/** The output file of an entry point, by its name. */
function outputOf(name, extension) {
  const file = Object.keys(result.metafile.outputs).find((path) => basename(path).startsWith(`${name}-`) && path.endsWith(extension));
  if (!file) throw new Error(`esbuild wrote no ${name}*${extension}`);
  return basename(file);
}

// The icon is hashed by its content too, so every asset can be cached for good.
const iconSource = join(root, 'src/web/static/assets/favicon.svg');
const iconHash = createHash('sha256').update(readFileSync(iconSource)).digest('hex').slice(0, 8).toUpperCase();
const icon = `favicon-${iconHash}.svg`;
copyFileSync(iconSource, join(assets, icon));

const script = outputOf('app', '.js');
const style = outputOf('style', '.css');
const html = readFileSync(join(root, 'src/web/static/index.html'), 'utf8')
  .replace('/assets/app.css', `/assets/${style}`)
  .replace('/assets/app.js', `/assets/${script}`)
  .replace('/assets/favicon.svg', `/assets/${icon}`);
for (const name of [script, style, icon]) if (!html.includes(name)) throw new Error(`index.html does not name ${name}`);
writeFileSync(join(target, 'index.html'), html);

const sizes = {};
for (const name of [script, style, icon]) {
  const path = join(assets, name);
  const bytes = readFileSync(path);
  const gzip = gzipSync(bytes, { level: 9 });
  const brotli = brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  });
  writeFileSync(`${path}.gz`, gzip);
  writeFileSync(`${path}.br`, brotli);
  sizes[`assets/${name}`] = { bytes: bytes.length, gzip: gzip.length, brotli: brotli.length };
}
writeFileSync(join(target, 'build.json'), `${JSON.stringify({ script, style, icon, sizes }, null, 2)}\n`);
if (!process.argv.includes('--quiet'))
  process.stdout.write(
    `web: ${relative(root, target)}/assets: ${Object.entries(sizes)
      .map(([name, size]) => `${basename(name)} ${size.bytes} B (gzip ${size.gzip} B, brotli ${size.brotli} B)`)
      .join(', ')}\n`,
  );
