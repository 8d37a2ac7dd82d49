import type { EntityManager } from '@mikro-orm/postgresql';
import type { YogaInitialContext } from 'graphql-yoga';
import type { Logger } from 'pino';
import { inBackground, type AppState } from './app-state.ts';
import { resolveViewer } from './modules/auth/resolve-viewer.ts';
import type { Viewer } from './modules/auth/viewer.ts';
import { ApiKey } from './modules/api-keys/api-key.entity.ts';
import { createLoaders, type Loaders } from './loaders.ts';
import { AppError, toGraphQLError } from './errors.ts';
import { isDatabaseUnavailable } from './db/unavailable.ts';
import { markAuth } from './observability/request-scope.ts';

/** Per-request context: a forked EntityManager, lazily built loaders, the caller. */
export interface Context {
  requestId: string;
  log: Logger;
  em: EntityManager;
  viewer: Viewer | null;
  app: AppState;
  loaders: Loaders;
  /** Aborts when the HTTP client goes away (absent over WebSocket, where unsubscribing ends the stream). */
  signal?: AbortSignal;
  /** The caller's `Authorization` value, kept so live subscriptions can check it again. */
  authorization: string | null;
  /** Set by a successful `login` in this request, so its payload may show the user who just signed in. */
  signedInUserId?: string;
}

export type ViewerContext = Context & { viewer: Viewer };

/**
 * Builds what a request adds to yoga's context. The forked EntityManager and the
 * logger child are made on first use (a chat needs neither, and forking costs
 * more than the rest of this together): they are defined as lazy properties on
 * yoga's context object itself, since envelop merges a context extension with
 * Object.assign, which would read a getter at once.
 */
export async function createContext(app: AppState, initial: YogaInitialContext, requestId = 'unknown'): Promise<Omit<Context, 'em' | 'log'>> {
  let em: EntityManager | undefined;
  const forkEm = () => (em ??= app.orm.em.fork() as EntityManager);
  // graphql-ws passes connectionParams; plain HTTP passes headers.
  const params = (initial as { connectionParams?: Record<string, unknown> }).connectionParams;
  const authorization =
    initial.request?.headers.get('authorization') ??
    (typeof params?.authorization === 'string' ? params.authorization : typeof params?.Authorization === 'string' ? params.Authorization : null);
  let viewer: Viewer | null = null;
  const authStart = performance.now();
  try {
    const resolved = await resolveViewer(forkEm, app.credentialCache, authorization);
    markAuth(authStart);
    viewer = resolved?.viewer ?? null;
    if (resolved?.touchApiKeyId) {
      const id = resolved.touchApiKeyId;
      inBackground(app, () => app.orm.em.fork().nativeUpdate(ApiKey, { id }, { lastUsedAt: new Date() }));
    }
  } catch (error) {
    if (isDatabaseUnavailable(error)) throw toGraphQLError(new AppError('SERVICE_UNAVAILABLE', "The gateway's database is unreachable; retry shortly", { retryAfterSeconds: 2 }));
    throw error instanceof AppError ? toGraphQLError(error) : error;
  }
  let log: Logger | undefined;
  const userId = viewer?.userId;
  Object.defineProperties(initial, {
    em: { get: forkEm, enumerable: true, configurable: true },
    log: { get: () => (log ??= app.logger.child({ requestId, userId })), enumerable: true, configurable: true },
  });
  return { requestId, viewer, app, loaders: createLoaders(forkEm, app), signal: initial.request?.signal, authorization };
}
