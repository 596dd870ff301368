import type { RateLimiterMemory } from 'rate-limiter-flexible';

/**
 * Throttling of password sign-ins, so passwords cannot be guessed at speed. Failures
 * are counted three ways (rate-limiter-flexible, in memory):
 *
 * - per account and address: `failuresPerMinute` (20) wrong passwords in a minute lock
 *   that account for that address — the next attempt, the 21st, is answered 429;
 * - per address, over all accounts: three times as many in a minute (a spray of guesses);
 * - per account, over all addresses: `failuresPerMinute` × 10 in an hour (guesses spread
 *   over many addresses). This one can lock a real user out too: it is set high for it.
 *
 * Each lock-out of a key lasts twice as long as its one before (`lockoutSeconds`, 60 s,
 * doubling, at most an hour; the count of lock-outs is kept for a day). While locked,
 * every attempt — the right password too — is answered 429 with Retry-After and the
 * password is not even checked. A successful sign-in clears its account-and-address count.
 */
export interface SignInThrottleOptions {
  /** @defaultValue 20 */
  failuresPerMinute?: number;
  /** The first lock-out's length; each next one doubles. @defaultValue 60 */
  lockoutSeconds?: number;
  /** @defaultValue 3600 */
  longestLockoutSeconds?: number;
}

export interface Lockout {
  scope: 'account+address' | 'address' | 'account';
  key: string;
  retryAfterSeconds: number;
  /** How many times this key has been locked in the last day, this one included. */
  lockouts: number;
}

interface Counter {
  scope: Lockout['scope'];
  limiter: RateLimiterMemory;
  key: (username: string, address: string) => string;
}

export class SignInThrottle {
  private limiters: Promise<{ counters: Counter[]; lockouts: RateLimiterMemory }> | null = null;
  private readonly perMinute: number;
  private readonly lockoutSeconds: number;
  private readonly longestLockoutSeconds: number;

  constructor(options: SignInThrottleOptions = {}) {
    this.perMinute = options.failuresPerMinute ?? 20;
    this.lockoutSeconds = options.lockoutSeconds ?? 60;
    this.longestLockoutSeconds = options.longestLockoutSeconds ?? 3600;
    // The library loads in the background from here: start-up does not wait for it, the first sign-in seldom does.
    this.state().catch(() => undefined);
  }

  /** The counters, made once their library has loaded (in the background from the constructor). */
  private state(): Promise<{ counters: Counter[]; lockouts: RateLimiterMemory }> {
    const perMinute = this.perMinute;
    this.limiters ??= import('rate-limiter-flexible').then(({ RateLimiterMemory }) => ({
      counters: [
        {
          scope: 'account+address',
          limiter: new RateLimiterMemory({ keyPrefix: 'aa', points: perMinute, duration: 60 }),
          key: (u: string, a: string) => `${u}|${a}`,
        },
        { scope: 'address', limiter: new RateLimiterMemory({ keyPrefix: 'ad', points: perMinute * 3, duration: 60 }), key: (_u, a) => a },
        { scope: 'account', limiter: new RateLimiterMemory({ keyPrefix: 'ac', points: perMinute * 10, duration: 3600 }), key: (u) => u },
      ],
      lockouts: new RateLimiterMemory({ keyPrefix: 'lockouts', points: 1_000_000, duration: 24 * 60 * 60 }),
    }));
    return this.limiters;
  }

  /** The lock-out in force for this attempt, if any: then refuse it without checking the password. */
  async locked(username: string, address: string): Promise<Lockout | null> {
    const { counters, lockouts } = await this.state();
    for (const counter of counters) {
      const key = counter.key(username, address);
      const state = await counter.limiter.get(key);
      if (state && state.consumedPoints >= counter.limiter.points)
        return {
          scope: counter.scope,
          key,
          retryAfterSeconds: Math.max(1, Math.ceil(state.msBeforeNext / 1000)),
          lockouts: (await lockouts.get(`${counter.scope}:${key}`))?.consumedPoints ?? 0,
        };
    }
    return null;
  }

  /** Counts a failed attempt; the lock-out it starts, if it used up a count. */
  async failed(username: string, address: string): Promise<Lockout | null> {
    const state = await this.state();
    let started: Lockout | null = null;
    for (const counter of state.counters) {
      const key = counter.key(username, address);
      const counted = await counter.limiter.penalty(key, 1);
      if (counted.consumedPoints !== counter.limiter.points) continue;
      const lockouts = (await state.lockouts.penalty(`${counter.scope}:${key}`, 1)).consumedPoints;
      const seconds = Math.min(this.lockoutSeconds * 2 ** (lockouts - 1), this.longestLockoutSeconds);
      await counter.limiter.block(key, seconds);
      started ??= { scope: counter.scope, key, retryAfterSeconds: seconds, lockouts };
    }
    return started;
  }

  async succeeded(username: string, address: string): Promise<void> {
    const [first] = (await this.state()).counters;
    await first!.limiter.delete(first!.key(username, address));
  }
}
