import { Migration } from '@mikro-orm/migrations';
import { frozenFunction } from './frozen-function.ts';

const MIGRATION = '0010-budget-holds';

/**
 * Exact hard stops. A chat under a hard-stop budget holds its worst-case cost
 * (its token reservation at the model's current price) against every such
 * budget at admission, in the same call as its quota reservation and ledger
 * row (`admit_chat`); settlement releases the hold in favour of the real cost
 * (`settle_chats`). So concurrent chats on any number of instances can never
 * push a hard-stopped budget past its amount: the check is against settled
 * spend plus everything in flight.
 *
 * `budget_spend` keeps, per budget and month, the settled cost of held chats
 * (started from the exact spend when the month's row is first needed) and the
 * sum of holds.
 */
export class Migration0010BudgetHolds extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "budget_spend" (
      "budget_id" uuid not null references "budget" ("id") on delete cascade,
      "period" char(7) not null,
      "spent" numeric not null default 0,
      "held" numeric not null default 0,
      primary key ("budget_id", "period"));`);
    this.addSql(`alter table "chat_in_flight"
      add column "held_cost" numeric not null default 0,
      add column "held_budgets" uuid[] not null default '{}',
      add column "held_period" char(7) null;`);
    this.addSql(frozenFunction(MIGRATION, 'budget_spent'));
    this.addSql(frozenFunction(MIGRATION, 'admit_chat'));
    this.addSql(frozenFunction(MIGRATION, 'settle_chats'));
  }

  override async down(): Promise<void> {
    this.addSql(frozenFunction('0008-chat-ledger', 'settle_chats'));
    this.addSql(`drop function if exists admit_chat; drop function if exists budget_spent;`);
    this.addSql(`alter table "chat_in_flight" drop column "held_cost", drop column "held_budgets", drop column "held_period";`);
    this.addSql(`drop table if exists "budget_spend";`);
  }
}
