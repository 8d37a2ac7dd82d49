import type { Pool } from 'pg';
import type { DetectorId, DlpAction } from './dlp.types.ts';
import { listDlpPolicies, type StoredDlpAction } from './dlp.store.ts';

const STRICTNESS: Record<StoredDlpAction, number> = { ALLOW: 0, LOG: 1, REDACT: 2, BLOCK: 3 };

export interface DlpPolicyRow {
  roleId: string | null;
  detector: DetectorId;
  action: StoredDlpAction;
}

/**
 * All DLP policies in memory (a small table), reloaded after a change on this
 * instance or after `ttlMs`, so the chat path never queries them.
 */
export class DlpPolicyCache {
  private rows: Promise<DlpPolicyRow[]> | null = null;
  private memoFor: Promise<DlpPolicyRow[]> | null = null;
  private readonly memo = new Map<string, Map<DetectorId, DlpAction>>();
  private loadedAt = 0;

  constructor(
    private readonly pool: Pool,
    private readonly ttlMs = 10_000,
  ) {}

  invalidate(): void {
    this.rows = null;
  }

  all(): Promise<DlpPolicyRow[]> {
    if (!this.rows || Date.now() - this.loadedAt > this.ttlMs) {
      this.loadedAt = Date.now();
      this.rows = listDlpPolicies(this.pool)
        .then((policies) => policies.map(({ roleId, detector, action }) => ({ roleId, detector, action })))
        .catch((error) => {
          this.rows = null;
          throw error;
        });
    }
    return this.rows;
  }

  /**
   * The policy for a user with these roles: for each detector, a policy set on
   * one of the user's roles wins over the organisation default; among several
   * roles the most permissive applies (roles grant exemptions).
   */
  async effective(roleIds: readonly string[]): Promise<Map<DetectorId, DlpAction>> {
    const loading = this.all();
    // Every chat asks this; work it out once per set of roles until the policies reload.
    if (loading !== this.memoFor) {
      this.memoFor = loading;
      this.memo.clear();
    }
    const key = [...roleIds].sort().join(',');
    let policy = this.memo.get(key);
    if (!policy) {
      policy = this.compute(await loading, roleIds);
      if (this.memoFor === loading) this.memo.set(key, policy);
    }
    return policy;
  }

  private compute(rows: DlpPolicyRow[], roleIds: readonly string[]): Map<DetectorId, DlpAction> {
    const byDetector = new Map<DetectorId, StoredDlpAction>();
    const fromRoles = new Map<DetectorId, StoredDlpAction>();
    for (const row of rows) {
      if (row.roleId === null) byDetector.set(row.detector, row.action);
      else if (roleIds.includes(row.roleId)) {
        const current = fromRoles.get(row.detector);
        if (!current || STRICTNESS[row.action] < STRICTNESS[current]) fromRoles.set(row.detector, row.action);
      }
    }
    for (const [detector, action] of fromRoles) byDetector.set(detector, action);
    return new Map([...byDetector].map(([d, a]) => [d, a.toLowerCase() as DlpAction]));
  }
}
