import { Migration } from '@mikro-orm/migrations';
import { frozenFunction } from './frozen-function.ts';

/**
 * The chat ledger: every admitted chat is written ahead in `chat_in_flight`
 * (in the same statement as its quota reservation) and closed by settlement,
 * so a crash can be reconciled: rows of instances that died are settled as
 * `interrupted` and their reservations released.
 *
 * Settlement is idempotent by chat id: a settled row keeps its audit id
 * (`settled_at` set) until it is purged, so a settlement replayed from an
 * instance's local spool after a database outage is written exactly once.
 *
 * `gateway_instance` lists instances with their last heartbeat; each also holds
 * a session advisory lock keyed by `hashtextextended(id, 0)` while alive, so a
 * dead instance is told from a live one by its free lock, not by a timeout alone.
 */
export class Migration0008ChatLedger extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "gateway_instance" (
      "id" text primary key,
      "started_at" timestamptz not null default now(),
      "heartbeat_at" timestamptz not null default now());`);
    this.addSql(`create table "chat_in_flight" (
      "id" uuid primary key,
      "request_id" text not null,
      "instance_id" text not null,
      "user_id" uuid not null,
      "api_key_id" uuid null,
      "model" text not null,
      "prompt_hash" text not null,
      "via" text not null,
      "day" date not null,
      "reserved_input" int8 not null,
      "reserved_output" int8 not null,
      -- Output delivered so far (an estimate), checkpointed every few seconds while it streams.
      "delivered_output" int8 not null default 0,
      "started_at" timestamptz not null default now(),
      "settled_at" timestamptz null,
      "audit_id" bigint null);`);
    this.addSql(`create index "chat_in_flight_open_index" on "chat_in_flight" ("instance_id") where "settled_at" is null;`);
    this.addSql(`create index "chat_in_flight_settled_index" on "chat_in_flight" ("settled_at") where "settled_at" is not null;`);
    this.addSql(`drop function settle_chats(uuid[], date[], text[], text[], int8[], int8[], int8[], int8[], text[], text[], int4[], jsonb[]);`);
    this.addSql(frozenFunction('0008-chat-ledger', 'settle_chats'));
  }

  override async down(): Promise<void> {
    this.addSql(`drop function settle_chats(uuid[], uuid[], date[], text[], text[], int8[], int8[], text[], text[], int4[], jsonb[]);`);
    this.addSql(frozenFunction('0006-budgets', 'settle_chats'));
    this.addSql(`drop table if exists "chat_in_flight"; drop table if exists "gateway_instance";`);
  }
}
