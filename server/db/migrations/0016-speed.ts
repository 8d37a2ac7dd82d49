import { Migration } from '@mikro-orm/migrations';
import { frozenFunction } from './frozen-function.ts';

const MIGRATION = '0016-speed';

/**
 * Less database work per chat, same guarantees. `admit_chats` admits a batch of
 * chats (no hard-stop budget) in one statement and one commit, each as
 * `admit_chat` admits one. The sealer
 * (`audit_chain_extend`) encodes a batch of records in one query and writes
 * their chain positions in one update instead of two statements per record.
 * The hashes it writes are unchanged.
 */
export class Migration0016Speed extends Migration {
  override async up(): Promise<void> {
    this.addSql(frozenFunction(MIGRATION, 'audit_chain_extend'));
    this.addSql(frozenFunction(MIGRATION, 'admit_chats'));
  }

  override async down(): Promise<void> {
    this.addSql(`drop function if exists admit_chats;`);
    this.addSql(frozenFunction('0007-audit-partitions', 'audit_chain_extend'));
  }
}
