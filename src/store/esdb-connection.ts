/**
 * The EventStoreDB connection setting as the ledger reads it, before the client sees it:
 * which schemes are accepted, the ledger's own option (`ledgerStream`), the credentials
 * every append carries, and how a message is cleaned of them. Pure: unit tested.
 */

/** The EventStoreDB stream the ledger keeps every event in, unless the connection string names another. */
export const DEFAULT_LEDGER_STREAM = 'hfi-ledger';

/** The ledger's own connection-string option; taken out before the client parses the rest. */
const LEDGER_STREAM_OPTION = 'ledgerstream';

/**
 * The options the client 6.2.1 knows, written as it compares them (lower case, without
 * '-' and '_'). It answers any other option, and `tlsVerifyCert=false` (which it does not
 * support), with a warning that prints the whole connection string, password included:
 * the ledger refuses them first, naming the option only.
 */
const CLIENT_OPTIONS = new Set(
  [
    'userCertFile',
    'userKeyFile',
    'maxDiscoverAttempts',
    'connectionName',
    'defaultDeadline',
    'discoveryInterval',
    'gossipTimeout',
    'nodePreference',
    'tls',
    'tlsVerifyCert',
    'tlsCAFile',
    'throwOnAppendFailure',
    'keepAliveInterval',
    'keepAliveTimeout',
    'dnsDiscover',
  ].map(flatKey),
);

/** An option name as the client compares it. */
function flatKey(key: string): string {
  return key.trim().toLowerCase().replace(/[_-]/g, '');
}

/**
 * Schemes the client 6.2.1 parses (`esdb`, `esdb+discover`) and those its successor
 * `@kurrent/kurrentdb-client` introduced for the same servers and the same syntax, which
 * 6.2.1 refuses at start-up; they are mapped onto the first two.
 */
const SCHEMES: Record<string, 'esdb' | 'esdb+discover'> = {
  esdb: 'esdb',
  'esdb+discover': 'esdb+discover',
  kurrentdb: 'esdb',
  'kurrentdb+discover': 'esdb+discover',
  kurrent: 'esdb',
  'kurrent+discover': 'esdb+discover',
  kdb: 'esdb',
  'kdb+discover': 'esdb+discover',
};

/** The schemes a connection string may start with, for messages. */
const ACCEPTED_SCHEMES = Object.keys(SCHEMES).map((scheme) => `${scheme}://`);

/** Whether a store setting names an EventStoreDB/KurrentDB server (by its scheme). */
export function isEsdbConnectionString(setting: string): boolean {
  const scheme = /^([a-z+]+):\/\//i.exec(setting.trim())?.[1]?.toLowerCase();
  return scheme !== undefined && scheme in SCHEMES;
}

interface BasicCredentials {
  username: string;
  password: string;
}

export interface EsdbConnection {
  /** What the client parses: the scheme it knows, without the ledger's own option. */
  readonly clientConnectionString: string;
  /** For messages: scheme, hosts and the ledger stream; never credentials or options. */
  readonly description: string;
  readonly ledgerStream: string;
  readonly secure: boolean;
  /**
   * Sent with every append. Credentials given per call make the client 6.2.1 take its
   * unary `append` path instead of the shared `batchAppend` stream, whose map of pending
   * appends is cleared by an error on any append and then crashes the process on a late
   * reply (fixed only in the successor package). On an insecure connection the client does
   * not send them at all, so placeholders do.
   */
  readonly appendCredentials: BasicCredentials;
  /** Every spelling of the secret in the setting, to take out of messages. */
  readonly secrets: readonly string[];
}

/** A connection setting the ledger refuses; the message never holds its credentials. */
export class EsdbConnectionError extends RangeError {
  readonly code = 'invalid-store-connection';
  constructor(message: string) {
    super(message);
    this.name = 'EsdbConnectionError';
  }
}

/**
 * Reads a connection setting. Throws EsdbConnectionError naming the problem for a scheme
 * neither client knows, a bad `ledgerStream`, or a secure connection without a user.
 */
export function parseEsdbConnection(setting: string, ledgerStreamOverride?: string): EsdbConnection {
  const trimmed = setting.trim();
  const match = /^([a-z+]+):\/\//i.exec(trimmed);
  const scheme = match ? SCHEMES[match[1]!.toLowerCase()] : undefined;
  if (!match || !scheme)
    throw new EsdbConnectionError(
      `an EventStoreDB connection string starts with ${ACCEPTED_SCHEMES.join(', ')} (for example esdb://localhost:2113?tls=false); this one starts with "${(match?.[0] ?? trimmed.slice(0, 12)).replace(/[^a-z+:/]/gi, '?')}"`,
    );
  const rest = trimmed.slice(match[0].length);
  // The client takes `user:password@` as credentials exactly so: everything up to the first ':', then up to the first '@'.
  const credentials = /^([^:]+):([^@]+)@/.exec(rest);
  const afterCredentials = credentials ? rest.slice(credentials[0].length) : rest;
  const queryAt = afterCredentials.indexOf('?');
  const hosts = (queryAt === -1 ? afterCredentials : afterCredentials.slice(0, queryAt)).replace(/\/+$/, '');
  const { options, ledgerStream } = takeLedgerStream(queryAt === -1 ? '' : afterCredentials.slice(queryAt + 1));
  const stream = checkLedgerStream(ledgerStreamOverride ?? ledgerStream ?? DEFAULT_LEDGER_STREAM);
  const secure = !/(^|&)tls=false(&|$)/i.test(options);
  const secrets = credentials ? secretSpellings(credentials[0].slice(0, -1), credentials[2]!) : [];
  const user = credentials ? { username: decodeSafely(credentials[1]!), password: decodeSafely(credentials[2]!) } : null;
  if (secure && !user)
    throw new EsdbConnectionError(
      `a secure EventStoreDB connection (${scheme}://${hosts}) needs a user in the connection string (${scheme}://user:password@host:2113): the ledger sends it with every append; use tls=false only for an insecure development server`,
    );
  return {
    clientConnectionString: `${scheme}://${credentials ? credentials[0] : ''}${hosts}${options ? `?${options}` : ''}`,
    description: `${scheme}://${hosts} (stream ${stream})`,
    ledgerStream: stream,
    secure,
    appendCredentials: user ?? { username: 'insecure', password: 'insecure' },
    secrets,
  };
}

/** The query without the ledger's option, and the option's value. */
function takeLedgerStream(query: string): { options: string; ledgerStream: string | undefined } {
  let ledgerStream: string | undefined;
  const kept: string[] = [];
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const name = equals === -1 ? pair : pair.slice(0, equals);
    const key = flatKey(name);
    const value = equals === -1 ? '' : pair.slice(equals + 1).trim();
    if (key === LEDGER_STREAM_OPTION) ledgerStream = decodeSafely(value);
    else if (!CLIENT_OPTIONS.has(key))
      throw new EsdbConnectionError(
        `unknown option "${name.replace(/[^A-Za-z0-9_-]/g, '?').slice(0, 40)}" in the EventStoreDB connection string; the ledger takes ledgerStream and the client's options (tls, tlsCAFile, nodePreference, defaultDeadline, keepAliveInterval …)`,
      );
    else if (key === flatKey('tlsVerifyCert') && value.toLowerCase() === 'false')
      throw new EsdbConnectionError(
        'tlsVerifyCert=false is not supported by the EventStoreDB client 6.2.1; give the CA with tlsCAFile instead',
      );
    else kept.push(pair);
  }
  return { options: kept.join('&'), ledgerStream };
}

/** Stream names the ledger accepts for its stream: not a `$` system stream, plain characters, not too long. */
function checkLedgerStream(name: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(name))
    throw new EsdbConnectionError(
      `ledgerStream must be 1–100 letters, digits, '.', '_' or '-', not starting with '$' or a sign; "${name.slice(0, 40)}" is not`,
    );
  return name;
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The secret as written and as decoded, and the whole `user:password` text: any of them may turn up in a client message. */
function secretSpellings(userAndPassword: string, password: string): string[] {
  return [...new Set([userAndPassword, password, decodeSafely(password), encodeURIComponent(decodeSafely(password))])]
    .filter((secret) => secret.length > 0)
    .sort((a, b) => b.length - a.length);
}

/** A message with every spelling of the connection's secret replaced by `***`. */
export function redact(message: string, secrets: readonly string[]): string {
  let clean = message;
  for (const secret of secrets) clean = clean.split(secret).join('***');
  return clean;
}
