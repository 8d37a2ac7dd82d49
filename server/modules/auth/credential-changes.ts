import type { ClusterBus } from '../../cluster/bus.ts';
import type { CredentialCache } from './credential-cache.ts';

/** What changed about who may do what. */
export interface CredentialChange {
  reason: 'apikey.revoked' | 'user.status' | 'user.deleted' | 'user.roles' | 'role.changed' | 'sessions.ended' | 'user.updated';
  userId?: string;
}

/** The bus topic of credential changes. */
export const CREDENTIALS_TOPIC = 'credentials.changed';

/**
 * Announces a committed change to users, roles, sessions or keys: every
 * instance drops its cached credentials at once and its live subscriptions
 * check theirs again, so a revoked key or suspended user stops everywhere
 * within a second instead of when a cache entry expires.
 */
export class CredentialChanges {
  private readonly listeners = new Set<(change: CredentialChange) => void>();

  constructor(
    private readonly cache: CredentialCache,
    private readonly bus: ClusterBus,
  ) {
    const apply = (change: CredentialChange) => {
      cache.clear();
      for (const listener of this.listeners) listener(change);
    };
    bus.subscribe(CREDENTIALS_TOPIC, (payload) => apply(payload as CredentialChange));
    // Changes published while this instance was cut off from the others are unknown: assume the worst.
    bus.subscribe('bus.reconnected', () => apply({ reason: 'role.changed' }));
  }

  /** Call after the change is committed. */
  announce(change: CredentialChange): void {
    this.bus.publish(CREDENTIALS_TOPIC, change);
  }

  /** Listens to changes from every instance (this one included). */
  onChange(listener: (change: CredentialChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get credentialCache(): CredentialCache {
    return this.cache;
  }
}
