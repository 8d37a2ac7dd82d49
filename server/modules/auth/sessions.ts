import type { EntityManager } from '@mikro-orm/postgresql';
import { Session } from './session.entity.ts';

/**
 * Ends a user's console sessions, all of them or all but `exceptSessionId`
 * (the one that made the change). Returns how many ended. The caller clears
 * the credential cache once the transaction has committed.
 */
export async function endSessionsOf(em: EntityManager, userId: string, exceptSessionId?: string): Promise<number> {
  return em.nativeDelete(Session, exceptSessionId ? { userId, id: { $ne: exceptSessionId } } : { userId });
}
