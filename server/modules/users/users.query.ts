import type { EntityManager } from '@mikro-orm/postgresql';
import type { FilterQuery } from '@mikro-orm/core';
import type { Connection } from '../../schema/connection.ts';
import { decodeCursor, encodeCursor, pageSize } from '../../util/cursor.ts';
import { User, type UserEntity, type UserStatus } from './user.entity.ts';

export interface ListUsersArgs {
  search?: string | null;
  status?: UserStatus | null;
  first?: number | null;
  after?: string | null;
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Users ordered by email (unique, so it is the keyset), filtered by a name/email search and status. */
export async function listUsers(em: EntityManager, args: ListUsersArgs): Promise<Connection<UserEntity>> {
  const size = pageSize(args.first);
  const where: FilterQuery<UserEntity> = {};
  const search = args.search?.trim();
  if (search) {
    const pattern = `%${escapeLike(search.slice(0, 200))}%`;
    where.$or = [{ email: { $ilike: pattern } }, { name: { $ilike: pattern } }];
  }
  if (args.status) where.status = args.status;
  const filter = { ...where };
  if (args.after) {
    const [email] = decodeCursor(args.after, 1);
    where.email = { $gt: String(email) };
  }
  // One extra row tells whether another page follows.
  const rows = await em.find(User, where, { orderBy: { email: 'asc' }, limit: size + 1 });
  const nodes = rows.slice(0, size);
  const edges = nodes.map((node) => ({ node, cursor: encodeCursor([node.email]) }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: () => em.count(User, filter),
  };
}
