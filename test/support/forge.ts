import Database from 'better-sqlite3';
import { chainHash } from '../../src/store/hash-chain.js';
import { GENESIS_HASH } from '../../events/envelope.js';
import { LOG_GENESIS_HASH, logChainHash } from '../../src/store/log-chain.js';
import type { EventRow } from '../../src/store/sqlite-schema.js';

/**
 * The forger's tools: what someone with the store file but not the signing key can do.
 * After any change to the rows, `rehash` recomputes every stream's hash chain and the
 * log chain over the rows as they now stand, and sets `sqlite_sequence` to the last
 * position, so every check that needs no key passes again.
 */
export function rehash(db: Database.Database): void {
  const rows = db
    .prepare('SELECT position, id, stream, revision, type, schema_version, data, metadata FROM events ORDER BY position')
    .all() as Pick<EventRow, 'position' | 'id' | 'stream' | 'revision' | 'type' | 'schema_version' | 'data' | 'metadata'>[];
  const heads = new Map<string, string>();
  let link = LOG_GENESIS_HASH;
  const update = db.prepare('UPDATE events SET previous_hash = ?, hash = ?, log_hash = ? WHERE position = ?');
  db.transaction(() => {
    for (const row of rows) {
      const previous = heads.get(row.stream) ?? GENESIS_HASH;
      const hash = chainHash(previous, {
        stream: row.stream,
        revision: row.revision,
        id: row.id,
        type: row.type,
        schemaVersion: row.schema_version,
        data: JSON.parse(row.data) as unknown,
        metadata: JSON.parse(row.metadata) as unknown,
      });
      link = logChainHash(link, row.position, hash);
      update.run(previous, hash, link, row.position);
      heads.set(row.stream, hash);
    }
    db.prepare("UPDATE sqlite_sequence SET seq = ? WHERE name = 'events'").run(rows.at(-1)?.position ?? 0);
  })();
}

/** Opens a store file for forging, runs the change, rehashes everything and closes it. */
export function forge(file: string, change: (db: Database.Database) => void): void {
  const db = new Database(file);
  try {
    change(db);
    rehash(db);
  } finally {
    db.close();
  }
}
