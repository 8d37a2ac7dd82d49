import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { quotasOf, type UserQuota } from './quotas.store.ts';

/** userId -> quota; users without a row are unlimited. */
export function createQuotaByUserLoader(em: EntityManager) {
  return new DataLoader<string, UserQuota>((userIds) => quotasOf(em, userIds));
}
