import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { byIdLoader } from '../../db/by-id-loader.ts';
import { ApiKey, type ApiKeyEntity } from './api-key.entity.ts';

/** userId -> all their keys, newest first. Key counts per user are capped, so paging happens in memory. */
export function createApiKeysByUserLoader(em: EntityManager) {
  return new DataLoader<string, ApiKeyEntity[]>(async (userIds) => {
    const keys = await em.find(ApiKey, { userId: { $in: [...userIds] } }, { orderBy: { createdAt: 'desc', id: 'desc' } });
    const byUser = new Map<string, ApiKeyEntity[]>();
    for (const key of keys) byUser.set(key.userId, [...(byUser.get(key.userId) ?? []), key]);
    return userIds.map((id) => byUser.get(id) ?? []);
  });
}

/** id -> the key (revoked ones included), or null; e.g. for the API keys that rate limits name. */
export function createApiKeyByIdLoader(em: EntityManager) {
  return byIdLoader<ApiKeyEntity>(em, ApiKey);
}
