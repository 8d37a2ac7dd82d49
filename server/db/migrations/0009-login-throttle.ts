import { Migration } from '@mikro-orm/migrations';

/**
 * Sign-in throttling shared by every gateway instance: one row per source
 * address, per account (the SHA-256 of the email typed, so no attacker-chosen
 * text is kept) and per (source, account) pair for aggregating `login.failed`
 * audit records. Rows are forgotten a day after their last attempt.
 */
export class Migration0009LoginThrottle extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "login_throttle" (
      "key" text not null primary key,
      "failures" integer not null default 0,
      "window_started_at" timestamptz not null,
      "last_attempt_at" timestamptz not null,
      "blocked_until" timestamptz null);`);
    this.addSql(`create index "login_throttle_last_attempt_at_index" on "login_throttle" ("last_attempt_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "login_throttle";`);
  }
}
