import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from './auth/viewer.ts';
import type { AppState } from '../app-state.ts';
import { AppError } from '../errors.ts';

/** What a service needs from the request: its EntityManager, the caller and the app's shared state. */
export interface ServiceContext {
  em: EntityManager;
  viewer: Viewer | null;
  app: AppState;
  requestId: string;
}

/** A context whose caller is known; every chat and every signed-in service call has one. */
export type SignedInContext = ServiceContext & { viewer: Viewer };

/** Narrows a context after scope-auth has proved a viewer (fields guarded by loggedIn or a permission). */
export function signedIn<C extends ServiceContext>(ctx: C): C & { viewer: Viewer } {
  if (!ctx.viewer) throw new AppError('UNAUTHENTICATED', 'Sign in first');
  return ctx as C & { viewer: Viewer };
}

/** Unique-violation detection without depending on driver error classes. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && ((error as { code?: string }).code === '23505' || error.constructor.name === 'UniqueConstraintViolationException');
}
