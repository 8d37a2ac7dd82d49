import { Migration } from '@mikro-orm/migrations';
import { frozenFunction } from './frozen-function.ts';

const MIGRATION = '0015-request-log';

/**
 * Refused chats become part of the record. A chat refused by its quota, a
 * hard-stop budget, a rate limit, DLP or access (suspended account, no chat
 * permission) is settled through the same batches as answered chats and
 * audited as `chat.refused` with its reason code; it adds no usage. Every chat
 * audit record also carries its cost (priced when settled) and API key, so the
 * request log reads one table. The executive rollups count refusals by kind,
 * so every error rate includes them. Role names are unique regardless of case.
 */
export class Migration0015RequestLog extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "chat_rollup_hourly"
      add column "refused_quota" int not null default 0,
      add column "refused_budget" int not null default 0,
      add column "refused_rate" int not null default 0,
      add column "refused_dlp" int not null default 0,
      add column "refused_access" int not null default 0;`);
    this.addSql(`alter table "chat_rollup_user_daily" add column "refused" int not null default 0;`);
    // Role names may be in any script now; "Finance" and "finance" are one name.
    this.addSql(`create unique index "role_name_lower_unique" on "role" (lower("name"));`);
    this.addSql(frozenFunction(MIGRATION, 'chat_refusal_kind'));
    this.addSql(frozenFunction(MIGRATION, 'chat_rollup_extend'));
    this.addSql(frozenFunction(MIGRATION, 'settle_chats'));
  }

  override async down(): Promise<void> {
    this.addSql(frozenFunction('0010-budget-holds', 'settle_chats'));
    this.addSql(frozenFunction('0005-executive', 'chat_rollup_extend'));
    this.addSql(`drop function if exists chat_refusal_kind;`);
    this.addSql(`drop index if exists "role_name_lower_unique";`);
    this.addSql(`alter table "chat_rollup_user_daily" drop column "refused";`);
    this.addSql(`alter table "chat_rollup_hourly" drop column "refused_quota", drop column "refused_budget", drop column "refused_rate", drop column "refused_dlp", drop column "refused_access";`);
  }
}
