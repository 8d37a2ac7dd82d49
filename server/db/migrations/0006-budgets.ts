import { Migration } from '@mikro-orm/migrations';
import { frozenFunction } from './frozen-function.ts';

/**
 * Prices, cost and budgets.
 *
 * Cost is historical: `settle_chats` prices each settled chat with the model's
 * price at that moment and adds it to `daily_usage.cost`, so a later price change
 * never rewrites what was spent (the auditable choice). Usage settled before this
 * migration, or of a model without a price, costs 0.
 *
 * Alerts are unique per budget, period (month) and threshold; evaluators insert
 * with `on conflict do nothing returning`, so among any number of gateway
 * instances exactly one creates (and delivers) each alert. Alerts outlive a
 * deleted budget.
 */
export class Migration0006Budgets extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "model_price" (
      "model" varchar(200) primary key,
      "input_per_million" numeric(20, 6) not null check ("input_per_million" >= 0),
      "output_per_million" numeric(20, 6) not null check ("output_per_million" >= 0),
      "updated_at" timestamptz not null default now());`);
    this.addSql(`alter table "daily_usage" add column "cost" numeric not null default 0;`);

    this.addSql(`create table "budget" (
      "id" uuid not null primary key,
      "scope" text not null check ("scope" in ('USER', 'ROLE', 'ORGANISATION')),
      "user_id" uuid null references "app_user" ("id") on delete cascade,
      "role_id" uuid null references "role" ("id") on delete cascade,
      "amount" numeric(20, 6) not null check ("amount" > 0),
      "thresholds" int[] not null default '{50,80,100}',
      "hard_stop" boolean not null default false,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      check (("scope" = 'USER') = ("user_id" is not null) and ("scope" = 'ROLE') = ("role_id" is not null)),
      constraint "budget_scope_target_unique" unique nulls not distinct ("scope", "user_id", "role_id"));`);

    this.addSql(`create table "budget_alert" (
      "id" bigserial primary key,
      -- Alerts are history: they outlive a deleted budget (budget_id null, scope kept).
      "budget_id" uuid null references "budget" ("id") on delete set null,
      "scope" text not null,
      -- The user's e-mail or the role's name when the alert was raised.
      "target" text null,
      "period" char(7) not null,
      "threshold" int not null,
      "spent" numeric not null,
      "amount" numeric not null,
      "currency" varchar(10) not null,
      "at" timestamptz not null default now(),
      "deliveries" jsonb not null default '[]',
      -- While webhook deliveries are pending: until when the instance delivering them holds them.
      -- Past it (that instance died), another instance takes them over.
      "delivery_lease_until" timestamptz null,
      constraint "budget_alert_once" unique ("budget_id", "period", "threshold"));`);
    // Instances poll recent alerts (by time) to publish those raised elsewhere to their subscribers.
    this.addSql(`create index "budget_alert_at_index" on "budget_alert" ("at");`);
    this.addSql(`create index "budget_alert_delivery_lease_index" on "budget_alert" ("delivery_lease_until") where "delivery_lease_until" is not null;`);

    // settle_chats as in 0003, plus the cost of each usage row at the current price.
    this.addSql(frozenFunction('0006-budgets', 'settle_chats'));
  }

  override async down(): Promise<void> {
    this.addSql(frozenFunction('0003-audit-chain', 'settle_chats'));
    this.addSql(`drop table if exists "budget_alert"; drop table if exists "budget"; drop table if exists "model_price";`);
    this.addSql(`alter table "daily_usage" drop column "cost";`);
  }
}
