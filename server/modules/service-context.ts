import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from './auth/viewer.ts';
import type { AppState } from '../app-state.ts';

/** What a service needs from the request: its EntityManager, the caller and the app's shared state. */
export interface ServiceContext {
  em: EntityManager;
  viewer: Viewer | null;
  app: AppState;
  requestId: string;
}

/** Unique-violation detection without depending on driver error classes. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && ((error as { code?: string }).code === '23505' || error.constructor.name === 'UniqueConstraintViolationException');
}
