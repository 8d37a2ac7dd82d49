import { Migration } from '@mikro-orm/migrations';

/**
 * DLP policies (per role and detector; a row without a role is the
 * organisation's default) and DLP events (one row per detector hit in a prompt,
 * never the matched text).
 */
export class Migration0004Dlp extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "dlp_policy" (
      "id" uuid not null primary key,
      "role_id" uuid null references "role" ("id") on delete cascade,
      "detector" text not null check ("detector" in ('email', 'phone', 'cn_id', 'bank_card', 'iban', 'ip_address', 'secret')),
      "action" text not null check ("action" in ('ALLOW', 'LOG', 'REDACT', 'BLOCK')),
      "updated_at" timestamptz not null default now(),
      constraint "dlp_policy_role_detector_unique" unique nulls not distinct ("role_id", "detector"));`);
    // Safe defaults: secrets never leave, identity and payment numbers are masked, contact data is noted.
    this.addSql(`insert into "dlp_policy" ("id", "role_id", "detector", "action") values
      (gen_random_uuid(), null, 'secret', 'BLOCK'),
      (gen_random_uuid(), null, 'cn_id', 'REDACT'),
      (gen_random_uuid(), null, 'bank_card', 'REDACT'),
      (gen_random_uuid(), null, 'iban', 'REDACT'),
      (gen_random_uuid(), null, 'email', 'LOG'),
      (gen_random_uuid(), null, 'phone', 'LOG'),
      (gen_random_uuid(), null, 'ip_address', 'LOG');`);
    this.addSql(`create table "dlp_event" (
      "id" bigserial primary key,
      "at" timestamptz not null default now(),
      "user_id" uuid null,
      "detector" text not null,
      "kind" text null,
      "action" text not null,
      "count" int not null,
      "model" text null,
      "request_id" text null);`);
    this.addSql(`create index "dlp_event_at_index" on "dlp_event" ("at");`);
    this.addSql(`create index "dlp_event_user_id_at_index" on "dlp_event" ("user_id", "at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "dlp_event"; drop table if exists "dlp_policy";`);
  }
}
