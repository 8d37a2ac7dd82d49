import type { Viewer } from './viewer.ts';

/** What a bearer token resolved to: a viewer, or the refusal to give. */
export type CredentialLookup =
  | { ok: true; viewer: Viewer; expiresAt: Date | null; lastUsedAt: Date | null }
  | { ok: false; code: 'UNAUTHENTICATED' | 'FORBIDDEN'; message: string; /** The account a known credential belongs to (suspended, disabled). */ userId?: string };

interface Entry {
  lookup: CredentialLookup;
  cachedUntil: number;
}

/**
 * Token hash -> lookup, kept for a few seconds so a busy API key costs one SQL
 * statement per TTL instead of one per request. Any change to users, roles or
 * keys clears it on this instance; other instances see the change within the TTL.
 */
export class CredentialCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs = 10_000,
    private readonly maxEntries = 10_000,
  ) {}

  get(tokenHash: string, now = Date.now()): CredentialLookup | undefined {
    const entry = this.entries.get(tokenHash);
    if (!entry) return undefined;
    if (entry.cachedUntil <= now) {
      this.entries.delete(tokenHash);
      return undefined;
    }
    return entry.lookup;
  }

  set(tokenHash: string, lookup: CredentialLookup, now = Date.now()): void {
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(tokenHash, { lookup, cachedUntil: now + this.ttlMs });
  }

  clear(): void {
    this.entries.clear();
  }
}
