import { Migration } from '@mikro-orm/migrations';
import { frozenFunction } from './frozen-function.ts';

const MIGRATION = '0019-refusal-replay';

/**
 * `settle_chats` writes a settled ledger row for each refusal it records, so
 * a refusal replayed from the settlement spool (its first write committed,
 * but the answer was lost with the connection) is audited once, as a chat is.
 */
export class Migration0019RefusalReplay extends Migration {
  override async up(): Promise<void> {
    this.addSql(frozenFunction(MIGRATION, 'settle_chats'));
  }

  override async down(): Promise<void> {
    this.addSql(frozenFunction('0018-settle-index-scans', 'settle_chats'));
  }
}
