import { Migration } from '@mikro-orm/migrations';
import { frozenFunction } from './frozen-function.ts';

const MIGRATION = '0003-audit-chain';

/**
 * Tamper-evident audit trail. Every record gets a contiguous chain position
 * (`seq`), the hash of the record before it and its own SHA-256 over a
 * canonical JSON encoding of its fields. Writers insert plain rows, so nothing
 * on the request path waits for the chain; `audit_chain_extend` seals committed
 * rows into the chain in batches, one sealer at a time across all gateway
 * instances (an advisory lock). Chat settlements go through `settle_chats`,
 * which locks the rows it changes in a fixed order so concurrent batches from
 * several instances cannot deadlock.
 */
export class Migration0003AuditChain extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "audit_record" add column "seq" bigint null, add column "prev_hash" char(64) null, add column "hash" char(64) null;`);
    this.addSql(`create index "audit_record_unsealed_index" on "audit_record" ("id") where "seq" is null;`);
    this.addSql(`create table "audit_chain_head" (
      "id" smallint primary key check ("id" = 1),
      "last_seq" bigint not null,
      "last_hash" char(64) not null);`);
    this.addSql(`insert into "audit_chain_head" values (1, 0, repeat('0', 64));`);

    // The canonical encoding, the record hash and the sealer (server/db/functions/ has the current ones).
    for (const name of ['audit_canonical', 'audit_record_hash', 'audit_chain_extend']) this.addSql(frozenFunction(MIGRATION, name));
    this.addSql(`select audit_chain_extend(2147483647);`);
    this.addSql(`create unique index "audit_record_seq_unique" on "audit_record" ("seq");`);

    // Meters and audits a batch of finished chats.
    this.addSql(frozenFunction(MIGRATION, 'settle_chats'));
  }

  override async down(): Promise<void> {
    this.addSql(`drop function if exists settle_chats;`);
    this.addSql(`drop function if exists audit_chain_extend; drop function if exists audit_record_hash; drop function if exists audit_canonical;`);
    this.addSql(`drop table if exists audit_chain_head;`);
    this.addSql(`alter table audit_record drop column seq, drop column prev_hash, drop column hash;`);
  }
}
