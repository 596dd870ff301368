import express from 'express';

/**
 * `TRUST_PROXY`: which proxies in front of the ledger are believed about the client's
 * address and scheme (express's `trust proxy`). Sign-in throttling counts failures per
 * client address, so that address must be the one the trusted proxy saw, never one the
 * client wrote: a hop count (`1`: the proxy next to the ledger) or the proxies' addresses
 * (`10.0.0.5`, `10.0.0.0/8`, `loopback`, comma-separated). `true` — believe every
 * X-Forwarded-For entry — is refused: express would take the left-most address, which
 * the client writes itself, and each guess could claim a new one.
 */
export type TrustProxy = false | number | string[];

export type TrustProxyParse = { ok: true; value: TrustProxy } | { ok: false; error: string };

const TRUST_PROXY_TRUE_REFUSED =
  'TRUST_PROXY=true is refused: express would take the left-most X-Forwarded-For address, which the client writes itself, so every request could claim another address and sign-in throttling per address would count nothing. Give the number of proxies in front of the ledger (TRUST_PROXY=1) or their addresses (TRUST_PROXY=10.0.0.5 or TRUST_PROXY=loopback)';

export function parseTrustProxy(text: string | undefined): TrustProxyParse {
  const value = (text ?? '').trim();
  if (value === '' || value === 'false' || value === '0') return { ok: true, value: false };
  if (value.toLowerCase() === 'true') return { ok: false, error: TRUST_PROXY_TRUE_REFUSED };
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return hops <= 10 ? { ok: true, value: hops } : { ok: false, error: `TRUST_PROXY=${value}: a hop count is at most 10` };
  }
  const addresses = value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  try {
    // Express compiles the setting at once (proxy-addr) and throws on an address it cannot read.
    express().set('trust proxy', addresses);
  } catch (error: unknown) {
    return {
      ok: false,
      error: `TRUST_PROXY=${value} is not a hop count or a list of addresses: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  return { ok: true, value: addresses };
}

/** The setting as express takes it; `true` (from code) is refused as it is from the environment. */
export function trustProxySetting(value: TrustProxy | true | undefined): false | number | string[] {
  if (value === true) throw new Error(TRUST_PROXY_TRUE_REFUSED);
  return value ?? false;
}
