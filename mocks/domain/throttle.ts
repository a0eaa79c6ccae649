/**
 * Guessing protection: after `maxFailures` consecutive failures for one key (an account, a card),
 * every further attempt is refused, the right answer included, until the lock-out ends. Each lock-out
 * lasts twice as long as the one before, up to `maxLockMs`; a success forgets the key.
 */
export interface ThrottleOptions {
  maxFailures: number;
  /** The first lock-out. */
  lockMs: number;
  maxLockMs: number;
  now?: () => number;
}

interface Entry {
  failures: number;
  lockouts: number;
  lockedUntil: number;
}

export class Throttle {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;
  constructor(private readonly options: ThrottleOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Seconds until the key may try again (for `Retry-After`), or 0 when it may try now. */
  retryAfter(key: string): number {
    const e = this.entries.get(key);
    if (!e) return 0;
    const left = e.lockedUntil - this.now();
    return left > 0 ? Math.ceil(left / 1000) : 0;
  }

  /** Counts a failure; answers the lock-out's length in seconds when this failure starts one, else 0. */
  fail(key: string): number {
    const e = this.entries.get(key) ?? { failures: 0, lockouts: 0, lockedUntil: 0 };
    e.failures += 1;
    let locked = 0;
    if (e.failures >= this.options.maxFailures) {
      const ms = Math.min(this.options.lockMs * 2 ** e.lockouts, this.options.maxLockMs);
      e.lockouts += 1;
      e.failures = 0;
      e.lockedUntil = this.now() + ms;
      locked = Math.ceil(ms / 1000);
    }
    this.entries.set(key, e);
    return locked;
  }

  /** Failures left before a lock-out. */
  left(key: string): number {
    return this.options.maxFailures - (this.entries.get(key)?.failures ?? 0);
  }

  succeed(key: string): void {
    this.entries.delete(key);
  }
}
