import { Migration } from '@mikro-orm/migrations';

/**
 * Per user and day: settled tokens plus tokens reserved by requests in flight.
 * Reservation is one conditional upsert on this row, so concurrent requests of
 * one user serialize on it and cannot overshoot the daily limit.
 */
export class Migration0002QuotaCounter extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "quota_counter" (
      "user_id" uuid not null,
      "day" date not null,
      "input_tokens" bigint not null default 0,
      "output_tokens" bigint not null default 0,
      primary key ("user_id", "day"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "quota_counter";`);
  }
}
