import { Migration } from '@mikro-orm/migrations';

/**
 * Provider instances and gateway models as data, so a route changes without
 * editing a file and restarting every instance. A model's route is its targets
 * in order (position 0 is the primary); a target names its provider instance
 * by foreign key, so an instance a model still routes to cannot be deleted.
 * API keys are stored only as AES-256-GCM ciphertext (server/modules/providers/secret-box.ts)
 * with the id of the key that sealed them, so a rotation knows what to re-seal.
 * `seq` keeps the order entries were added in (the config file's, then the
 * console's): the first model listed is the console's default.
 * `provider_catalog` holds one counter that every change bumps: an instance
 * that missed the bus message sees the counter move and reloads.
 */
export class Migration0014Providers extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "provider_instance" (
      "id" text primary key check ("id" ~ '^[A-Za-z0-9][A-Za-z0-9._-]*$' and length("id") <= 64),
      "plugin" text not null,
      "base_url" text null,
      "options" jsonb not null default '{}',
      "api_key_env" text null,
      "api_key_ciphertext" text null,
      "api_key_key_id" text null,
      "api_key_last4" text null,
      "max_concurrent" integer null check ("max_concurrent" > 0),
      "enabled" boolean not null default true,
      "seq" bigint generated always as identity,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      constraint "provider_instance_key_sealed" check (("api_key_ciphertext" is null) = ("api_key_key_id" is null)));`);
    this.addSql(`create table "gateway_model" (
      "name" text primary key check (length("name") between 1 and 128),
      "capabilities" jsonb null,
      "seq" bigint generated always as identity,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now());`);
    this.addSql(`create table "gateway_model_target" (
      "model_name" text not null references "gateway_model" ("name") on delete cascade,
      "position" integer not null check ("position" >= 0),
      "provider_id" text not null references "provider_instance" ("id") on delete restrict,
      "provider_model" text not null check (length("provider_model") between 1 and 256),
      "capabilities" jsonb null,
      primary key ("model_name", "position"));`);
    this.addSql(`create index "gateway_model_target_provider" on "gateway_model_target" ("provider_id");`);
    this.addSql(`create table "provider_catalog" ("id" boolean primary key default true check ("id"), "version" bigint not null default 0);`);
    this.addSql(`insert into "provider_catalog" ("id", "version") values (true, 0);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "provider_catalog";`);
    this.addSql(`drop table if exists "gateway_model_target";`);
    this.addSql(`drop table if exists "gateway_model";`);
    this.addSql(`drop table if exists "provider_instance";`);
  }
}
