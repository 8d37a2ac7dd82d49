import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { User, type UserEntity } from './user.entity.ts';

export function createUserByIdLoader(em: EntityManager) {
  return new DataLoader<string, UserEntity | null>(async (ids) => {
    const users = await em.find(User, { id: { $in: [...ids] } });
    const byId = new Map(users.map((u) => [u.id, u]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}
