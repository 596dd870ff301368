import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { request as httpRequest, createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compressJson } from '../src/http/compression.js';
import { webRoutes } from '../src/web/serve.js';
import { httpFixture, type HttpFixture } from './support/http.js';

/**
 * JSON answers are compressed when the client asks (brotli preferred, then gzip), and
 * read back as the same JSON; small answers, event streams and the page's precompressed
 * assets are not compressed (again). Over a real socket, so the bytes are the ones sent.
 */

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function get(server: Server, path: string, headers: Record<string, string>): Promise<Raw> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolveRaw, reject) => {
    const sent = httpRequest({ host: '127.0.0.1', port, path, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolveRaw({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }));
    });
    sent.on('error', reject);
    sent.end();
  });
}

const listening = (server: Server) => new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
const decoded = (raw: Raw) =>
  raw.headers['content-encoding'] === 'br'
    ? brotliDecompressSync(raw.body)
    : raw.headers['content-encoding'] === 'gzip'
      ? gunzipSync(raw.body)
      : raw.body;

const webRoot = resolve('dist/web');

describe('compression of the API’s JSON answers', () => {
  let api: HttpFixture;
  let server: Server;
  let auth: Record<string, string>;
  beforeAll(async () => {
    api = await httpFixture(existsSync(join(webRoot, 'index.html')) ? { web: webRoutes({ root: webRoot }) } : {});
    server = createServer(api.app);
    await listening(server);
    auth = { authorization: `Bearer ${api.tokenOf('revisor')}` };
  });
  afterAll(async () => {
    await new Promise((done) => server.close(done));
    await api.close();
  });

  it('sends brotli or gzip when the client asks, and the same JSON as uncompressed', async () => {
    const plain = await get(server, '/api/years/2025/balances', auth);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const json = JSON.parse(plain.body.toString('utf8')) as unknown;
    for (const [accept, encoding] of [
      ['br, gzip', 'br'],
      ['gzip, deflate', 'gzip'],
      ['gzip;q=1, br;q=0.5', 'gzip'],
    ] as const) {
      const compressed = await get(server, '/api/years/2025/balances', { ...auth, 'accept-encoding': accept });
      expect(compressed.status).toBe(200);
      expect(compressed.headers['content-encoding'], accept).toBe(encoding);
      expect(compressed.headers.vary).toContain('Accept-Encoding');
      expect(compressed.body.length, accept).toBeLessThan(plain.body.length / 3);
      expect(JSON.parse(decoded(compressed).toString('utf8'))).toEqual(json);
    }
  });

  it('leaves an answer alone when the client asks for no encoding, or the answer is small', async () => {
    expect(
      (await get(server, '/api/years/2025/balances', { ...auth, 'accept-encoding': 'identity' })).headers['content-encoding'],
    ).toBeUndefined();
    const small = await get(server, '/api/health', { 'accept-encoding': 'br, gzip' });
    expect(small.status).toBe(200);
    expect(small.body.length).toBeLessThan(1024);
    expect(small.headers['content-encoding']).toBeUndefined();
  });

  it.skipIf(!existsSync(join(webRoot, 'index.html')))(
    'serves the page’s precompressed assets as they are, never compressed again',
    async () => {
      const script = readdirSync(join(webRoot, 'assets')).find((name) => name.endsWith('.js'))!;
      for (const [accept, encoding, suffix] of [
        ['br, gzip', 'br', '.br'],
        ['gzip', 'gzip', '.gz'],
      ] as const) {
        const asset = await get(server, `/assets/${script}`, { 'accept-encoding': accept });
        expect(asset.status).toBe(200);
        expect(asset.headers['content-encoding']).toBe(encoding);
        expect(asset.body.equals(readFileSync(join(webRoot, 'assets', `${script}${suffix}`)))).toBe(true);
      }
    },
  );
});

describe('answers that are not JSON', () => {
  it('are sent as they are: a spreadsheet, a document, a CSV file', async () => {
    const app = express();
    app.use(compressJson());
    const body = 'kolonne;beløp\n'.repeat(400);
    const types = {
      '/sheet': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      '/document': 'application/pdf',
      '/csv': 'text/csv; charset=utf-8',
      '/json': 'application/problem+json; charset=utf-8',
    } as const;
    for (const [path, type] of Object.entries(types)) app.get(path, (_req, res) => void res.type(type).send(body));
    const server = createServer(app);
    await listening(server);
    for (const path of ['/sheet', '/document', '/csv']) {
      const raw = await get(server, path, { 'accept-encoding': 'br, gzip' });
      expect(raw.headers['content-encoding'], path).toBeUndefined();
      expect(raw.body.toString('utf8'), path).toBe(body);
    }
    const json = await get(server, '/json', { 'accept-encoding': 'gzip' });
    expect(json.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(json.body).toString('utf8')).toBe(body);
    await new Promise((done) => server.close(done));
  });
});

describe('an event stream', () => {
  it('is never compressed: each event reaches the client as it is written', async () => {
    const app = express();
    app.use(compressJson());
    let finish: () => void = () => undefined;
    app.get('/events', (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
      res.write(`data: ${'x'.repeat(4000)}\n\n`);
      finish = () => res.end('data: last\n\n');
    });
    const server = createServer(app);
    await listening(server);
    const { port } = server.address() as AddressInfo;
    const first = await new Promise<{ encoding: string | undefined; chunk: string }>((resolveFirst, reject) => {
      const sent = httpRequest({ host: '127.0.0.1', port, path: '/events', headers: { 'accept-encoding': 'br, gzip' } }, (response) => {
        response.once('data', (chunk: Buffer) => {
          resolveFirst({ encoding: response.headers['content-encoding'], chunk: chunk.toString('utf8') });
          finish();
          response.resume();
        });
      });
      sent.on('error', reject);
      sent.end();
    });
    // Received before the stream ended, as written.
    expect(first.encoding).toBeUndefined();
    expect(first.chunk.startsWith('data: xxx')).toBe(true);
    await new Promise((done) => server.close(done));
  });
});
