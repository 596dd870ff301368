import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOG_GENESIS_HASH, logChainHash } from '../src/store/log-chain.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { exportLines, importExport, ImportRejectedError, type ExportedEvent, type ExportManifest } from '../src/app/transfer.js';
import { chainHash } from '../src/store/hash-chain.js';
import { SqliteEventStore } from '../src/store/sqlite-store.js';
import { demoLedger } from './support/demo.js';

/** Import into the embedded store is one pass and one transaction: a problem found anywhere leaves the store empty. */
describe('importing an export into the embedded store', () => {
  const directory = mkdtempSync(join(tmpdir(), 'ledger-transfer-'));
  const lines: string[] = [];
  let figures = '';

  beforeAll(async () => {
    const demo = await demoLedger();
    for await (const line of exportLines(demo.store)) lines.push(line);
    figures = JSON.stringify(await demo.reader.frame(2025));
    await demo.store.close();
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  const importInto = async (name: string, text: string) => {
    const store = new SqliteEventStore(join(directory, `${name}.sqlite`));
    const outcome = await importExport(store, { file: writeExport(name, text) }).then(
      (result) => ({ result, error: null }),
      (error: unknown) => ({ result: null, error }),
    );
    const head = await store.headPosition();
    const verified = await store.verifyIntegrity();
    await store.close();
    return { ...outcome, head, verified };
  };
  const writeExport = (name: string, text: string) => {
    const file = join(directory, `${name}.ndjson`);
    writeFileSync(file, text);
    return file;
  };

  it('imports every event with its hashes, and the copy verifies', async () => {
    const { result, head, verified } = await importInto('good', lines.join(''));
    expect(result).toEqual({ events: lines.length - 1, streams: expect.any(Number) });
    expect(head).toBe(lines.length - 1);
    expect(verified.ok).toBe(true);
    expect(verified.eventsChecked).toBe(lines.length - 1);
  });

  it('refuses an export whose last event was changed, after writing the ones before it, and keeps none of them', async () => {
    const changed = [...lines];
    const last = changed.length - 2;
    changed[last] = changed[last]!.replace(/"actor":"[^"]*"/, '"actor":"somebody-else"');
    expect(changed[last]).not.toBe(lines[last]);
    const { error, head } = await importInto('late-change', changed.join(''));
    expect(error).toBeInstanceOf(ImportRejectedError);
    expect((error as ImportRejectedError).problems.join('\n')).toContain(`line ${last + 1}`);
    expect(head).toBe(0);
  });

  it('refuses an export whose manifest does not match, and keeps nothing', async () => {
    const manifest = JSON.parse(lines.at(-1)!) as { manifest: ExportManifest };
    manifest.manifest.sha256 = '0'.repeat(64);
    const { error, head } = await importInto('bad-manifest', [...lines.slice(0, -1), `${JSON.stringify(manifest)}\n`].join(''));
    expect((error as ImportRejectedError).problems[0]).toContain('does not match the manifest');
    expect(head).toBe(0);
  });

  it('refuses an export cut short (manifest missing), and keeps nothing', async () => {
    const { error, head } = await importInto('cut', lines.slice(0, -1).join(''));
    expect((error as ImportRejectedError).problems.join('\n')).toContain('not a manifest');
    expect(head).toBe(0);
  });

  it('refuses to import into a store that is not empty, and adds nothing', async () => {
    const store = new SqliteEventStore(join(directory, 'twice.sqlite'));
    await importExport(store, lines.join(''));
    await expect(importExport(store, lines.join(''))).rejects.toThrow(/not empty/);
    expect(await store.headPosition()).toBe(lines.length - 1);
    await store.close();
  });

  it('gives the same figures after the import as before the export', async () => {
    const store = new SqliteEventStore(join(directory, 'figures.sqlite'));
    await importExport(store, lines.join(''));
    await store.close();
    const { openLedger } = await import('../src/ledger.js');
    const copy = await openLedger({ store: join(directory, 'figures.sqlite'), checkpointPath: null });
    await copy.runner.start();
    expect(JSON.stringify(await copy.reader.frame(2025))).toBe(figures);
    await copy.close();
  });

  it('refuses an export whose chains and checksum are consistent but one event breaks its schema, naming the line', async () => {
    // A forged export: one recommendation dated to 1999 (before any year the ledger keeps), every hash after it in its
    // stream recomputed, the manifest's heads and checksum too. Only the schema check can catch it.
    const events = lines.slice(0, -1).map((line) => JSON.parse(line) as ExportedEvent);
    const index = events.findIndex((event) => event.type === 'RecommendationRecorded');
    expect(index).toBeGreaterThan(-1);
    const forged = events[index]!;
    (forged.data as { year: number }).year = 1999;
    const heads: ExportManifest['streams'] = {};
    const previous = new Map<string, string>();
    let link = LOG_GENESIS_HASH;
    for (const event of events) {
      if (previous.has(event.stream)) event.previousHash = previous.get(event.stream)!;
      event.hash = chainHash(event.previousHash, event);
      link = logChainHash(link, event.position, event.hash);
      event.logHash = link;
      previous.set(event.stream, event.hash);
      heads[event.stream] = { revision: event.revision, headHash: event.hash };
    }
    const body = events.map((event) => `${JSON.stringify(event)}\n`).join('');
    const manifest = (JSON.parse(lines.at(-1)!) as { manifest: ExportManifest }).manifest;
    const text = `${body}${JSON.stringify({ manifest: { ...manifest, streams: heads, logHead: { position: events.at(-1)!.position, hash: link }, sha256: createHash('sha256').update(body).digest('hex') } })}\n`;
    const { error, head } = await importInto('forged', text);
    expect(error).toBeInstanceOf(ImportRejectedError);
    const problems = (error as ImportRejectedError).problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^line ${index + 1}: .*year`));
    expect(head).toBe(0);
  });
});
