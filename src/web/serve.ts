import express, { type NextFunction, type Request, type RequestHandler, type Response, type Router } from 'express';
import expressStaticGzip from 'express-static-gzip';
import type { ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Serves the built front end (`dist/web/`: index.html and assets/, see build.mjs) at
 * the root of the site, beside the API:
 *
 * - `/assets/*`: the bundled script and styles and the icon, under content-hashed
 *   names, precompressed, cached for good;
 * - any other GET/HEAD (a client route such as `/cases/22.25` or
 *   `/audit?year=2025`): index.html (never cached without revalidation), so the page
 *   can route; a missing file under `/assets/` (or with a file type's extension,
 *   `.map` among them: the build writes no source maps) stays a 404;
 * - `/api/*` is never touched: the router passes it on.
 *
 * Every response carries a strict Content-Security-Policy: only this origin's
 * scripts, styles, images and connections; no inline scripts or styles, no
 * frames, no plug-ins. Nothing is fetched from any other origin.
 */

export const WEB_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': WEB_CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
};

/**
 * Where the built front end is: `dist/web` of the project, found from this file
 * whether it runs compiled (`dist/src/web/serve.js`) or from source (`src/web/serve.ts`).
 */
export function defaultWebRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [resolve(here, '..', '..', 'web'), resolve(here, '..', '..', 'dist', 'web')];
  return candidates.find((candidate) => existsSync(join(candidate, 'index.html'))) ?? candidates[0]!;
}

/** Where the built files live; anything else that is not the API is a client route. */
const ASSET_PREFIX = '/assets/';

/** A file the build named by its content (`app-3F2A9C1B.js`, and its `.gz` / `.br`): it never changes, so it is cached for good. */
const HASHED_NAME = /-[A-Z0-9]{8}\.(js|css|svg)(\.gz|\.br)?$/;

/** A year: the longest `max-age` caches keep. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

export interface WebOptions {
  /** The directory of the built front end. @defaultValue {@link defaultWebRoot} */
  root?: string;
  /**
   * Serve the `.map` source maps the build writes beside the scripts. They show the
   * page's source as written: for development only. @defaultValue false
   */
  sourceMaps?: boolean;
}

function setSecurityHeaders(res: Response): void {
  res.set(SECURITY_HEADERS);
}

/**
 * The built assets, precompressed at build time: brotli when the browser takes it,
 * else gzip, else the file itself (express-static-gzip picks by `Accept-Encoding` and
 * says so in `Vary`). Hashed names are cached for good; anything else is revalidated.
 */
function assetFiles(root: string): RequestHandler {
  return expressStaticGzip(join(root, 'assets'), {
    enableBrotli: true,
    orderPreference: ['br', 'gzip'],
    serveStatic: {
      index: false,
      redirect: false,
      dotfiles: 'ignore',
      fallthrough: true,
      etag: true,
      lastModified: true,
      setHeaders: (res: ServerResponse, path: string) => {
        res.setHeader('Cache-Control', HASHED_NAME.test(path) ? IMMUTABLE : 'no-cache');
      },
    },
  }) as RequestHandler;
}

/** An express router that serves the front end; mount it at `/` before the API's 404 handler. */
export function webRoutes(options: WebOptions = {}): Router {
  const root = resolve(options.root ?? defaultWebRoot());
  const indexFile = join(root, 'index.html');
  const router = express.Router();

  router.use((req: Request, res: Response, next: NextFunction) => {
    if (req.path === '/api' || req.path.startsWith('/api/')) {
      next('router');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      next('router');
      return;
    }
    setSecurityHeaders(res);
    // Source maps stay unserved (404) unless development asked for them.
    if (!options.sourceMaps && /\.map$/i.test(req.path)) {
      next('router');
      return;
    }
    next();
  });
  router.use(ASSET_PREFIX, assetFiles(root));

  // Client routes (`/`, `/cases/22.25`, `/audit`…) get the page itself; a missing asset stays a 404.
  router.use((req: Request, res: Response, next: NextFunction) => {
    if (req.path.startsWith(ASSET_PREFIX) || /\.(js|css|map|svg|png|ico|json|txt|woff2?|gz|br)$/i.test(req.path)) {
      next('router');
      return;
    }
    if (!existsSync(indexFile)) {
      res.status(503).type('text/plain; charset=utf-8').send(`The front end is not built (no ${indexFile}). Run: npm run build\n`);
      return;
    }
    res.set('Cache-Control', 'no-cache');
    res.type('text/html; charset=utf-8');
    res.sendFile(indexFile, { dotfiles: 'deny', lastModified: true, etag: true }, (error?: Error) => {
      if (error && !res.headersSent) next(error);
    });
  });
  return router;
}

/** Mounts the front end on an app (before its 404 handler). */
export function mountWeb(app: express.Application, options: WebOptions = {}): void {
  app.use(webRoutes(options));
}
