import { Migration } from '@mikro-orm/migrations';

/**
 * Request and token rate limits per user, role or API key (one row each; a
 * limit goes with what it limits), and the sliding-window counters used when
 * several instances share PostgreSQL without Redis. Counters are short-lived
 * and rebuilt by traffic, so their table is unlogged: no WAL per chat, and
 * after a database crash they start empty (limits are briefly lenient).
 */
export class Migration0011RateLimits extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "rate_limit" (
      "scope" text not null check ("scope" in ('USER', 'ROLE', 'API_KEY')),
      "user_id" uuid null references "app_user" ("id") on delete cascade,
      "role_id" uuid null references "role" ("id") on delete cascade,
      "api_key_id" uuid null references "api_key" ("id") on delete cascade,
      "requests_per_minute" integer null check ("requests_per_minute" > 0),
      "tokens_per_minute" bigint null check ("tokens_per_minute" > 0),
      "updated_at" timestamptz not null default now(),
      constraint "rate_limit_one_target" check (
        ("scope" = 'USER' and "user_id" is not null and "role_id" is null and "api_key_id" is null) or
        ("scope" = 'ROLE' and "role_id" is not null and "user_id" is null and "api_key_id" is null) or
        ("scope" = 'API_KEY' and "api_key_id" is not null and "user_id" is null and "role_id" is null)),
      constraint "rate_limit_some_limit" check ("requests_per_minute" is not null or "tokens_per_minute" is not null),
      constraint "rate_limit_user_unique" unique ("user_id"),
      constraint "rate_limit_role_unique" unique ("role_id"),
      constraint "rate_limit_api_key_unique" unique ("api_key_id"));`);
    this.addSql(`create unlogged table "rate_limit_counter" (
      "key" text not null primary key,
      "window_index" bigint not null,
      "requests" integer not null default 0,
      "tokens" bigint not null default 0,
      "prev_requests" integer not null default 0,
      "prev_tokens" bigint not null default 0);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "rate_limit_counter";`);
    this.addSql(`drop table if exists "rate_limit";`);
  }
}
