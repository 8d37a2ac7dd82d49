import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Quota } from './quota.entity.ts';

export interface QuotaView {
  dailyInputLimit: number | null;
  dailyOutputLimit: number | null;
}

/** userId -> quota; users without a row are unlimited. */
export function createQuotaByUserLoader(em: EntityManager) {
  return new DataLoader<string, QuotaView>(async (userIds) => {
    const rows = await em.find(Quota, { userId: { $in: [...userIds] } });
    const byUser = new Map(rows.map((q) => [q.userId, q]));
    return userIds.map((id) => {
      const q = byUser.get(id);
      return { dailyInputLimit: q?.dailyInputLimit ?? null, dailyOutputLimit: q?.dailyOutputLimit ?? null };
    });
  });
}
