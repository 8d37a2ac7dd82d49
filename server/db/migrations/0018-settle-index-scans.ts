import { Migration } from '@mikro-orm/migrations';
import { frozenFunction } from './frozen-function.ts';

const MIGRATION = '0018-settle-index-scans';

/**
 * `settle_chats` reaches every row it reads by key: its kept generic plan no
 * longer scans the whole chat ledger, whose settled rows stay for a while so
 * a replayed settlement is recognised. What it writes is unchanged.
 */
export class Migration0018SettleIndexScans extends Migration {
  override async up(): Promise<void> {
    this.addSql(frozenFunction(MIGRATION, 'settle_chats'));
  }

  override async down(): Promise<void> {
    this.addSql(frozenFunction('0017-settle-plan', 'settle_chats'));
  }
}
