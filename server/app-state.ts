import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { CredentialCache } from './modules/auth/credential-cache.ts';

/** State shared by every request of one gateway process; built once at start-up. */
export interface AppState {
  orm: MikroORM;
  logger: Logger;
  credentialCache: CredentialCache;
  /** IANA time zone that defines "today" for daily usage and quotas. */
  timezone: string;
  sessionTtlMs: number;
  /** Resolves when pending background writes (e.g. API key last-used) are done; used at shutdown and in tests. */
  background: Set<Promise<unknown>>;
}

/** Runs a write that must not slow the request, keeping track of it so shutdown can wait. */
export function inBackground(app: AppState, task: () => Promise<unknown>): void {
  const promise = task()
    .catch((error) => app.logger.warn({ err: error }, 'background write failed'))
    .finally(() => app.background.delete(promise));
  app.background.add(promise);
}
