import { Migration } from '@mikro-orm/migrations';

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
    this.addSql(settleChatsSql(true));
  }

  override async down(): Promise<void> {
    this.addSql(settleChatsSql(false));
    this.addSql(`drop table if exists "budget_alert"; drop table if exists "budget"; drop table if exists "model_price";`);
    this.addSql(`alter table "daily_usage" drop column "cost";`);
  }
}

// The model's price when the chat settles; a model without a price costs 0.
const COST_COLUMN = `,
            (sum(i.input_tokens) * coalesce(min(p.input_per_million), 0) + sum(i.output_tokens) * coalesce(min(p.output_per_million), 0)) / 1000000`;

/** settle_chats of migration 0003, with (up) or without (down) pricing usage rows. */
export function settleChatsSql(cost: boolean): string {
  return `create or replace function settle_chats(
        p_user_ids uuid[], p_days date[], p_models text[], p_providers text[], p_in_deltas int8[], p_out_deltas int8[],
        p_input_tokens int8[], p_output_tokens int8[], p_prompt_hashes text[], p_response_hashes text[], p_latencies int4[], p_metadata jsonb[])
      returns setof bigint language plpgsql as $$
      begin
        if cardinality(p_user_ids) > 1 then
          perform 1 from quota_counter c
            join unnest(p_user_ids, p_days) as k(user_id, day) on c.user_id = k.user_id and c.day = k.day
            order by c.user_id, c.day for update of c;
        end if;
        return query
        with input as (
          select * from unnest(p_user_ids, p_days, p_models, p_providers, p_in_deltas, p_out_deltas, p_input_tokens, p_output_tokens,
                               p_prompt_hashes, p_response_hashes, p_latencies, p_metadata) with ordinality
            as t(user_id, day, model, provider, in_delta, out_delta, input_tokens, output_tokens, prompt_hash, response_hash, latency_ms, metadata, ord)
        ), counter as (
          update quota_counter c set
            input_tokens = greatest(0, c.input_tokens + d.in_delta),
            output_tokens = greatest(0, c.output_tokens + d.out_delta)
          from (select i.user_id, i.day, sum(i.in_delta) as in_delta, sum(i.out_delta) as out_delta from input i group by i.user_id, i.day) d
          where c.user_id = d.user_id and c.day = d.day
        ), usage as (
          insert into daily_usage as u (day, user_id, model, provider, input_tokens, output_tokens, requests${cost ? ', cost' : ''})
          select i.day, i.user_id, i.model, i.provider, sum(i.input_tokens), sum(i.output_tokens), count(*)${cost ? COST_COLUMN : ''}
          from input i${cost ? ' left join model_price p on p.model = i.model' : ''}
          group by i.day, i.user_id, i.model, i.provider
          order by i.day, i.user_id, i.model, i.provider
          on conflict (day, user_id, model, provider) do update set
            input_tokens = u.input_tokens + excluded.input_tokens,
            output_tokens = u.output_tokens + excluded.output_tokens,
            requests = u.requests + excluded.requests${cost ? ',\n            cost = u.cost + excluded.cost' : ''}
        )
        insert into audit_record (user_id, at, action, target_type, target_id, prompt_hash, response_hash, model, provider, input_tokens, output_tokens, latency_ms, metadata)
        select i.user_id, now(), 'chat', 'model', i.model, i.prompt_hash, i.response_hash, i.model, nullif(i.provider, ''), i.input_tokens, i.output_tokens, i.latency_ms, i.metadata
        from input i order by i.ord
        returning audit_record.id;
      end $$;`;
}
