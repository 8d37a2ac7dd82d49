import { Migration } from '@mikro-orm/migrations';

/** Users, roles, keys, sessions, quotas, daily usage and the audit log. */
export class Migration0001Initial extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "app_user" (
      "id" uuid not null primary key,
      "email" varchar(320) not null constraint "app_user_email_unique" unique,
      "name" varchar(200) not null,
      "status" text not null default 'ACTIVE' check ("status" in ('ACTIVE', 'SUSPENDED', 'DISABLED')),
      "password_hash" text null,
      "created_at" timestamptz not null,
      "updated_at" timestamptz not null);`);
    this.addSql(`create index "app_user_created_at_id_index" on "app_user" ("created_at", "id");`);

    this.addSql(`create table "role" (
      "id" uuid not null primary key,
      "name" varchar(100) not null constraint "role_name_unique" unique,
      "description" text not null default '',
      "permissions" text[] not null default '{}',
      "built_in" boolean not null default false,
      "created_at" timestamptz not null,
      "updated_at" timestamptz not null);`);

    this.addSql(`create table "user_role" (
      "user_id" uuid not null references "app_user" ("id") on delete cascade,
      "role_id" uuid not null references "role" ("id") on delete restrict,
      "created_at" timestamptz not null,
      primary key ("user_id", "role_id"));`);
    this.addSql(`create index "user_role_role_id_index" on "user_role" ("role_id");`);

    this.addSql(`create table "api_key" (
      "id" uuid not null primary key,
      "user_id" uuid not null references "app_user" ("id") on delete cascade,
      "name" varchar(200) not null,
      "prefix" varchar(32) not null,
      "secret_hash" varchar(64) not null constraint "api_key_secret_hash_unique" unique,
      "created_at" timestamptz not null,
      "last_used_at" timestamptz null,
      "expires_at" timestamptz null,
      "revoked_at" timestamptz null);`);
    this.addSql(`create index "api_key_user_id_created_at_id_index" on "api_key" ("user_id", "created_at", "id");`);

    this.addSql(`create table "session" (
      "id" uuid not null primary key,
      "user_id" uuid not null references "app_user" ("id") on delete cascade,
      "token_hash" varchar(64) not null constraint "session_token_hash_unique" unique,
      "created_at" timestamptz not null,
      "expires_at" timestamptz not null);`);
    this.addSql(`create index "session_user_id_index" on "session" ("user_id");`);

    this.addSql(`create table "quota" (
      "user_id" uuid not null primary key references "app_user" ("id") on delete cascade,
      "daily_input_limit" bigint null check ("daily_input_limit" >= 0),
      "daily_output_limit" bigint null check ("daily_output_limit" >= 0),
      "updated_at" timestamptz not null);`);

    this.addSql(`create table "daily_usage" (
      "day" date not null,
      "user_id" uuid not null,
      "model" varchar(200) not null,
      "provider" varchar(200) not null,
      "input_tokens" bigint not null default 0,
      "output_tokens" bigint not null default 0,
      "requests" int not null default 0,
      primary key ("day", "user_id", "model", "provider"));`);
    this.addSql(`create index "daily_usage_user_id_day_index" on "daily_usage" ("user_id", "day");`);

    this.addSql(`create table "audit_record" (
      "id" bigserial primary key,
      "user_id" uuid null,
      "at" timestamptz not null,
      "action" varchar(100) not null,
      "target_type" varchar(50) null,
      "target_id" varchar(100) null,
      "prompt_hash" varchar(64) null,
      "response_hash" varchar(64) null,
      "model" varchar(200) null,
      "provider" varchar(200) null,
      "input_tokens" int null,
      "output_tokens" int null,
      "latency_ms" int null,
      "metadata" jsonb not null default '{}');`);
    this.addSql(`create index "audit_record_at_id_index" on "audit_record" ("at", "id");`);
    this.addSql(`create index "audit_record_user_id_at_index" on "audit_record" ("user_id", "at");`);
    this.addSql(`create index "audit_record_action_at_index" on "audit_record" ("action", "at");`);
  }

  override async down(): Promise<void> {
    for (const table of ['audit_record', 'daily_usage', 'quota', 'session', 'api_key', 'user_role', 'role', 'app_user']) {
      this.addSql(`drop table if exists "${table}" cascade;`);
    }
  }
}
