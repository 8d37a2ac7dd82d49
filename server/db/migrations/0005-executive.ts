import { Migration } from '@mikro-orm/migrations';
import { frozenFunction } from './frozen-function.ts';

/**
 * Pre-aggregated chat facts for the executive view, so a summary or a trend
 * over months reads thousands of rows instead of a million audit records.
 *
 * `chat_rollup_extend` folds sealed chat audit records into three rollups:
 * per UTC hour, model and provider (counts, errors, fallbacks, tokens); per UTC
 * hour and latency bucket (a log-scale histogram: bucket i holds latencies in
 * [1.2^i, 1.2^(i+1)) ms, 64 buckets up to ~117 s, the last one open-ended); and
 * per day in the configured time zone and user. The watermark is the audit
 * chain position (`seq`), not the record id: ids are taken before commit, so a
 * smaller id can become visible after a larger one, whereas the sealer assigns
 * `seq` one transaction at a time, so what is sealed is always a prefix.
 * One roller at a time across gateway instances (an advisory lock).
 */
export class Migration0005Executive extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "chat_rollup_state" (
      "id" smallint primary key check ("id" = 1),
      "last_seq" bigint not null,
      "timezone" text not null);`);
    this.addSql(`insert into "chat_rollup_state" values (1, 0, 'UTC');`);
    this.addSql(`create table "chat_rollup_hourly" (
      "hour" timestamptz not null,
      "model" varchar(200) not null,
      "provider" varchar(200) not null,
      "requests" int not null,
      "errors" int not null,
      "fallbacks" int not null,
      "input_tokens" bigint not null,
      "output_tokens" bigint not null,
      primary key ("hour", "model", "provider"));`);
    this.addSql(`create table "chat_latency_hourly" (
      "hour" timestamptz not null,
      "bucket" smallint not null,
      "chats" int not null,
      primary key ("hour", "bucket"));`);
    this.addSql(`create table "chat_rollup_user_daily" (
      "day" date not null,
      "user_id" uuid not null,
      "requests" int not null,
      "errors" int not null,
      "input_tokens" bigint not null,
      "output_tokens" bigint not null,
      primary key ("day", "user_id"));`);
    this.addSql(`create index "chat_rollup_user_daily_user_id_day_index" on "chat_rollup_user_daily" ("user_id", "day");`);

    for (const name of ['chat_latency_bucket', 'chat_is_error', 'chat_fell_back', 'chat_rollup_extend']) {
      this.addSql(frozenFunction('0005-executive', name));
    }
  }

  override async down(): Promise<void> {
    this.addSql(`drop function if exists chat_rollup_extend; drop function if exists chat_fell_back; drop function if exists chat_is_error; drop function if exists chat_latency_bucket;`);
    this.addSql(`drop table if exists chat_rollup_user_daily; drop table if exists chat_latency_hourly; drop table if exists chat_rollup_hourly; drop table if exists chat_rollup_state;`);
  }
}
