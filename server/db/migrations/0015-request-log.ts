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
 * Alert webhooks become data, with a log of every delivery try.
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
    // Alert webhooks as data (seeded from the config at start), and every try to reach one.
    this.addSql(`create table "webhook" (
      "id" uuid primary key,
      "url" text not null,
      "format" text not null check ("format" in ('json', 'wecom')),
      "secret_env" text null,
      "description" text not null default '',
      "enabled" boolean not null default true,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      constraint "webhook_url_unique" unique ("url"));`);
    this.addSql(`create table "webhook_delivery" (
      "id" bigserial primary key,
      "webhook_id" uuid not null references "webhook" ("id") on delete cascade,
      "kind" text not null check ("kind" in ('alert', 'test')),
      "alert_id" text null,
      "status" text not null check ("status" in ('delivered', 'failed')),
      "attempt" int not null,
      "error" text null,
      "latency_ms" int not null,
      "at" timestamptz not null default now());`);
    this.addSql(`create index "webhook_delivery_webhook_id_id_index" on "webhook_delivery" ("webhook_id", "id");`);
    this.addSql(frozenFunction(MIGRATION, 'chat_refusal_kind'));
    this.addSql(frozenFunction(MIGRATION, 'chat_rollup_extend'));
    this.addSql(frozenFunction(MIGRATION, 'settle_chats'));
  }

  override async down(): Promise<void> {
    this.addSql(frozenFunction('0010-budget-holds', 'settle_chats'));
    this.addSql(frozenFunction('0005-executive', 'chat_rollup_extend'));
    this.addSql(`drop function if exists chat_refusal_kind;`);
    this.addSql(`drop index if exists "role_name_lower_unique";`);
    this.addSql(`drop table if exists "webhook_delivery"; drop table if exists "webhook";`);
    this.addSql(`alter table "chat_rollup_user_daily" drop column "refused";`);
    this.addSql(`alter table "chat_rollup_hourly" drop column "refused_quota", drop column "refused_budget", drop column "refused_rate", drop column "refused_dlp", drop column "refused_access";`);
  }
}
