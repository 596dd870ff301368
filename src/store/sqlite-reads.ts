import type Database from 'better-sqlite3';

/** A row of the projection rebuild's lean read: `[position, type, schemaVersion, dataJson, metadataJson | null, hash]`. */
export type ProjectionRowOf = [number, string, number, string, string | null, string];

/**
 * The lean read of a projection rebuild: batches of raw rows in log order, after
 * `afterPosition`. The metadata text is read only for the event types in `metadataOf`
 * (null for the others), so a fold that needs it for few types does not pay for all of
 * it. Nothing is parsed here: the caller parses and checks each row.
 */
export function* projectionRows(db: Database.Database, afterPosition: number, metadataOf: readonly string[]): Iterable<ProjectionRowOf[]> {
  const batch = 4000;
  const wanted = metadataOf.map((type) => `'${type.replace(/'/g, "''")}'`).join(',');
  const metadata = metadataOf.length ? `CASE WHEN type IN (${wanted}) THEN metadata END` : 'NULL';
  const statement = db
    .prepare<[number, number], ProjectionRowOf>(
      `SELECT position, type, schema_version, data, ${metadata}, hash FROM events WHERE position > ? ORDER BY position LIMIT ?`,
    )
    .raw(true);
  let after = afterPosition;
  for (;;) {
    const rows = statement.all(after, batch);
    if (rows.length > 0) yield rows;
    if (rows.length < batch) return;
    after = rows[rows.length - 1]![0];
  }
}
