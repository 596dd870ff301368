/**
 * The path of the embedded store a store setting names: the setting itself, or what follows
 * `sqlite:` (`sqlite:data/ledger.sqlite`); `:memory:` for a store in memory. Callers ask
 * first whether the setting names an EventStoreDB server (src/store/esdb-connection.ts).
 */
export function sqlitePathIn(storeSetting: string): string {
  return storeSetting.startsWith('sqlite:') ? storeSetting.slice('sqlite:'.length) : storeSetting;
}
