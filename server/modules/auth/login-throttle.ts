import type pg from 'pg';
import { sha256Hex } from './tokens.ts';
import {
  admitAttempt,
  blockedForMs,
  countPairFailure,
  forgetAccount,
  giveBackSourceAttempt,
  recordSuccess,
  sweepThrottle,
  type ThrottleNumbers,
} from './login-throttle.store.ts';

/**
 * How sign-ins (and current-password checks) are slowed, shared by every
 * gateway instance through PostgreSQL:
 *
 * - Per account (the email typed, known or not): five failures are answered
 *   at once; each further failure makes the account wait 1, 2, 4, 8, 16, 32,
 *   then 60 s before the next attempt is checked at all (a correct password is
 *   refused too while a delay runs). An attacker gets about one guess a minute
 *   and the owner waits at most a minute, instead of a lock the attacker renews.
 *   The count starts over after 15 minutes without an attempt, after a correct
 *   password, and when an admin or the recovery command resets the password.
 * - Per source address: 20 attempts that did not succeed in a 15-minute window,
 *   then every sign-in from that address is refused until the window ends.
 */
export const THROTTLE_POLICY: ThrottleNumbers = {
  accountFreeFailures: 5,
  accountDelaysMs: [1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000],
  accountForgetMs: 15 * 60_000,
  sourceMaxFailures: 20,
  sourceWindowMs: 15 * 60_000,
  auditWindowMs: 15 * 60_000,
};

/** The delay an account is given by its `failures`-th failure in a row (0 while free). */
export function accountDelayMs(failures: number, policy: ThrottleNumbers = THROTTLE_POLICY): number {
  if (failures <= policy.accountFreeFailures) return 0;
  const delays = policy.accountDelaysMs;
  return delays[Math.min(failures - policy.accountFreeFailures, delays.length) - 1];
}

export type AdmitResult = { ok: true } | { ok: false; scope: 'source' | 'account'; retryAfterMs: number };

const SWEEP_EVERY_MS = 10 * 60_000;

export class LoginThrottle {
  private lastSweep = Date.now();

  /**
   * @param trustProxyHops How many reverse proxies in front of the gateway append to
   *   `x-forwarded-for` (ZERO_TRUST_PROXY); 0 uses the socket's address only.
   */
  constructor(
    private readonly pool: pg.Pool,
    readonly trustProxyHops = 0,
    private readonly policy: ThrottleNumbers = THROTTLE_POLICY,
  ) {}

  /**
   * Counts an attempt before the password is checked, or refuses it while the
   * source or the account is blocked. `account` is the normalized email.
   */
  async admit(source: string, account: string): Promise<AdmitResult> {
    this.sweepNowAndThen();
    const keys = { source: sourceKey(source), account: accountKey(account) };
    const admission = await admitAttempt(this.pool, keys, this.policy);
    if (admission.sourceOk && admission.accountOk) return { ok: true };
    // A refusal costs the source nothing: nothing was guessed.
    if (admission.sourceOk) await giveBackSourceAttempt(this.pool, keys.source, this.policy);
    const scope = admission.sourceOk ? 'account' : 'source';
    const retryAfterMs = await blockedForMs(this.pool, [scope === 'source' ? keys.source : keys.account]);
    return { ok: false, scope, retryAfterMs: Math.max(retryAfterMs, 1000) };
  }

  /** The password was right: the account starts over and the source gets its attempt back. */
  async succeeded(source: string, account: string): Promise<void> {
    await recordSuccess(this.pool, { source: sourceKey(source), account: accountKey(account) }, this.policy);
  }

  /**
   * The password was wrong (the attempt already counted). Returns whether this
   * is the first failure of the (source, account) pair in the audit window, so
   * that one `login.failed` record stands for all of them.
   */
  async failed(source: string, account: string): Promise<{ first: boolean; previousWindowFailures: number }> {
    return countPairFailure(this.pool, `p:${sha256Hex(`${source}\n${account}`)}`, this.policy);
  }

  /** Lifts an account's delay, e.g. after an admin set a new password. */
  async forget(account: string): Promise<void> {
    await forgetAccount(this.pool, accountKey(account));
  }

  private sweepNowAndThen(): void {
    if (Date.now() - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = Date.now();
    sweepThrottle(this.pool).catch(() => {});
  }
}

// The email is hashed: whatever was typed into the field (a password, by mistake) is never stored.
const accountKey = (account: string) => `a:${sha256Hex(account)}`;
const sourceKey = (source: string) => `s:${source}`;
