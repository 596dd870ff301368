import { describe, expect, it } from 'vitest';
import { EventStoreDBClient } from '@eventstore/db-client';
import {
  DEFAULT_LEDGER_STREAM,
  EsdbConnectionError,
  isEsdbConnectionString,
  parseEsdbConnection,
  redact,
} from '../src/store/esdb-connection.js';
import { isEventStoreDbConnection } from '../src/ledger.js';

describe('EventStoreDB connection settings', () => {
  it('maps the successor client’s schemes (kurrentdb://, kurrent://, kdb://) onto those the client 6.2.1 parses', () => {
    const cases: [string, string][] = [
      ['kurrentdb://localhost:2113?tls=false', 'esdb://localhost:2113?tls=false'],
      ['kurrent://localhost:2113?tls=false', 'esdb://localhost:2113?tls=false'],
      ['kdb://localhost:2113?tls=false', 'esdb://localhost:2113?tls=false'],
      ['kurrentdb+discover://cluster.internal:2113?tls=false', 'esdb+discover://cluster.internal:2113?tls=false'],
      ['KurrentDB://a:2113,b:2113?tls=false', 'esdb://a:2113,b:2113?tls=false'],
      ['esdb://localhost:2113?tls=false', 'esdb://localhost:2113?tls=false'],
    ];
    for (const [setting, client] of cases) {
      expect(isEsdbConnectionString(setting)).toBe(true);
      expect(isEventStoreDbConnection(setting)).toBe(true);
      const parsed = parseEsdbConnection(setting);
      expect(parsed.clientConnectionString).toBe(client);
      // The client 6.2.1 itself accepts what the ledger hands it.
      expect(() => EventStoreDBClient.connectionString(parsed.clientConnectionString)).not.toThrow();
    }
  });

  it('refuses a scheme neither client knows, naming the ones it takes', () => {
    expect(isEsdbConnectionString('http://localhost:2113')).toBe(false);
    expect(() => parseEsdbConnection('http://localhost:2113')).toThrow(EsdbConnectionError);
    expect(() => parseEsdbConnection('tcp://localhost:1113')).toThrow(/esdb:\/\/, esdb\+discover:\/\/, kurrentdb:\/\//);
  });

  it('takes the ledger stream from the connection string and hides the option from the client', () => {
    expect(parseEsdbConnection('esdb://localhost:2113?tls=false').ledgerStream).toBe(DEFAULT_LEDGER_STREAM);
    const parsed = parseEsdbConnection('esdb://localhost:2113?tls=false&ledgerStream=ledger-hfi-2026&keepAliveInterval=20000');
    expect(parsed.ledgerStream).toBe('ledger-hfi-2026');
    expect(parsed.clientConnectionString).toBe('esdb://localhost:2113?tls=false&keepAliveInterval=20000');
    expect(parsed.description).toBe('esdb://localhost:2113 (stream ledger-hfi-2026)');
    expect(parseEsdbConnection('esdb://localhost:2113?tls=false', 'other').ledgerStream).toBe('other');
    expect(() => parseEsdbConnection('esdb://localhost:2113?tls=false&ledgerStream=$all')).toThrow(EsdbConnectionError);
    expect(() => parseEsdbConnection('esdb://localhost:2113?tls=false&ledger_stream=a%20b')).toThrow(/ledgerStream must be/);
  });

  it('never puts a password in a description or a message, even one with / or ? in it', () => {
    const password = 'pa/ss?w@rd:x';
    const encoded = encodeURIComponent(password);
    const parsed = parseEsdbConnection(`esdb://ledger:${encoded}@es1:2113,es2:2113?tls=true&tlsCAFile=/certs/ca.crt`);
    expect(parsed.description).toBe('esdb://es1:2113,es2:2113 (stream hfi-ledger)');
    expect(parsed.appendCredentials).toEqual({ username: 'ledger', password });
    const leaky = `failed for esdb://ledger:${encoded}@es1:2113 (${password})`;
    const clean = redact(leaky, parsed.secrets);
    expect(clean).not.toContain(encoded);
    expect(clean).not.toContain(password);
    // Written unencoded, as people do: the client takes everything up to the first '@' after the user as the password.
    const raw = parseEsdbConnection('esdb://ledger:se/cr?et@es1:2113?tls=true');
    expect(raw.description).toBe('esdb://es1:2113 (stream hfi-ledger)');
    expect(redact('user ledger:se/cr?et refused', raw.secrets)).toBe('user *** refused');
  });

  it('asks for a user on a secure connection: every append carries one (it keeps the client on its unary append path)', () => {
    expect(() => parseEsdbConnection('esdb://es1:2113?tls=true')).toThrow(/needs a user/);
    expect(() => parseEsdbConnection('esdb://es1:2113')).toThrow(EsdbConnectionError);
    const insecure = parseEsdbConnection('esdb://127.0.0.1:2113?tls=false');
    expect(insecure.secure).toBe(false);
    expect(insecure.appendCredentials.username.length).toBeGreaterThan(0);
  });
});

describe('connection options', () => {
  it('refuses an option the client does not know, naming only the option (the client would print the whole string, password included)', () => {
    const setting = 'esdb://ledger:hemmelig@es1:2113?tls=true&ledgerStraem=x';
    expect(() => parseEsdbConnection(setting)).toThrow(/unknown option "ledgerStraem"/);
    try {
      parseEsdbConnection(setting);
    } catch (error: unknown) {
      expect((error as Error).message).not.toContain('hemmelig');
    }
    expect(() => parseEsdbConnection('esdb://ledger:x@es1:2113?tls=true&tlsVerifyCert=false')).toThrow(/tlsCAFile/);
    expect(parseEsdbConnection('esdb://a:2113?tls=false&node_preference=leader&Keep-Alive-Interval=20000').clientConnectionString).toBe(
      'esdb://a:2113?tls=false&node_preference=leader&Keep-Alive-Interval=20000',
    );
  });
});
