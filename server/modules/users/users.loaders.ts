import type { EntityManager } from '@mikro-orm/postgresql';
import { byIdLoader } from '../../db/by-id-loader.ts';
import { User, type UserEntity } from './user.entity.ts';

export function createUserByIdLoader(em: EntityManager) {
  return byIdLoader<UserEntity>(em, User);
}
