-- Meters and audits a batch of finished chats in one statement (called by
-- server/modules/metering/metering.store.ts). Per chat: the quota reservation
-- recorded at admission (chat_in_flight) is released in favour of the real
-- counts (a chat whose admission row is missing adds its counts), usage is added
-- priced at the model's price at this moment (cost is historical: a later price
-- change never rewrites what was spent; a model without a price costs 0), one
-- audit record is inserted in batch order for the sealer to chain, and the
-- admission row is closed with the audit id. Chats that held a hard-stop
-- budget's worst-case cost release the hold and add what they really cost. A
-- chat already settled is skipped and answers its audit id, so a replayed
-- settlement is written once. It locks admission rows, then counters, then
-- budget rows, in a fixed order, so concurrent batches from several instances
-- never deadlock.
--
-- One generic plan, kept: left to choose, PostgreSQL planned its statements
-- again on every call (custom plans), which cost more than running them for a
-- batch of one (1.3 ms against 1.0 ms a call for one chat, 2.5 against 2.2 for
-- fifteen, interleaved on one connection). Ledger rows by their key only: a
-- generic plan made while chat_in_flight was small kept scanning it whole
-- (three times a call) as its settled rows grew, 0.55 of 0.87 ms a call at a
-- thousand rows; hence no sequential scans, and the `offset 0` fences keep its
-- partial indexes (open rows, settled rows) out of reach, since an update
-- leaves a dead entry in them per chat until vacuum and one scan of either
-- grew to 0.23 ms a call within a minute of load.
--
-- A refusal (metadata outcome 'refused': quota, budget, rate limit, DLP or
-- access) comes through the same batches with no admission row and no usage:
-- it adds no usage, counters or cost, and is audited as `chat.refused`. A
-- ledger row is written for it, already settled (instance ''), so a refusal
-- replayed from the spool is recognised and audited once, like a chat. Each
-- audit record carries the chat's cost and, for admitted chats, its API key.
CREATE OR REPLACE FUNCTION public.settle_chats(p_chat_ids uuid[], p_user_ids uuid[], p_days date[], p_models text[], p_providers text[], p_input_tokens bigint[], p_output_tokens bigint[], p_prompt_hashes text[], p_response_hashes text[], p_latencies integer[], p_metadata jsonb[])
 RETURNS TABLE(chat_id uuid, audit_id bigint)
 LANGUAGE plpgsql
 SET plan_cache_mode TO 'force_generic_plan'
 SET enable_seqscan TO 'off'
AS $function$
begin
  -- One lock order for every batch: admission rows, then counters.
  perform 1 from chat_in_flight f where f.id = any(p_chat_ids) order by f.id for update;
  -- Always, even for one chat: admission locks a counter before budget rows, and so must we.
  perform 1 from quota_counter c
    join unnest(p_user_ids, p_days) as k(user_id, day) on c.user_id = k.user_id and c.day = k.day
    order by c.user_id, c.day for update of c;
  -- Then the budgets whose holds this batch releases, in order.
  perform 1 from budget_spend s
    join (select distinct unnest(f.held_budgets) as budget_id, f.held_period as period
          from (select f.held_budgets, f.held_period, f.settled_at from chat_in_flight f where f.id = any(p_chat_ids) offset 0) f
          where f.settled_at is null and cardinality(f.held_budgets) > 0) h
      on s.budget_id = h.budget_id and s.period = h.period
    order by s.budget_id, s.period for update of s;
  return query
  with raw as (
    select * from unnest(p_chat_ids, p_user_ids, p_days, p_models, p_providers, p_input_tokens, p_output_tokens,
                         p_prompt_hashes, p_response_hashes, p_latencies, p_metadata) with ordinality
      as t(chat_id, user_id, day, model, provider, input_tokens, output_tokens, prompt_hash, response_hash, latency_ms, metadata, ord)
  ), input as (
    select r.*, coalesce(f.reserved_input, 0) as reserved_input, coalesce(f.reserved_output, 0) as reserved_output,
      f.api_key_id, coalesce(r.metadata->>'outcome' = 'refused', false) as refused
    from raw r left join chat_in_flight f on f.id = r.chat_id
    where f.settled_at is null
  ), deltas as (
    select i.user_id, i.day, sum(i.input_tokens - i.reserved_input) as in_delta, sum(i.output_tokens - i.reserved_output) as out_delta
    from input i where not i.refused group by i.user_id, i.day
  ), counter as (
    update quota_counter c set
      input_tokens = greatest(0, c.input_tokens + d.in_delta),
      output_tokens = greatest(0, c.output_tokens + d.out_delta)
    from deltas d where c.user_id = d.user_id and c.day = d.day
  ), counter_added as (
    -- Chats whose admission row (and so its counter) is missing count what they used.
    insert into quota_counter (user_id, day, input_tokens, output_tokens)
    select d.user_id, d.day, greatest(0, d.in_delta), greatest(0, d.out_delta) from deltas d
    where not exists (select 1 from quota_counter c where c.user_id = d.user_id and c.day = d.day)
    order by d.user_id, d.day
    on conflict (user_id, day) do nothing
  ), usage as (
    insert into daily_usage as u (day, user_id, model, provider, input_tokens, output_tokens, requests, cost)
    select i.day, i.user_id, i.model, i.provider, sum(i.input_tokens), sum(i.output_tokens), count(*),
      (sum(i.input_tokens) * coalesce(min(p.input_per_million), 0) + sum(i.output_tokens) * coalesce(min(p.output_per_million), 0)) / 1000000
    from input i left join model_price p on p.model = i.model
    where not i.refused
    group by i.day, i.user_id, i.model, i.provider
    order by i.day, i.user_id, i.model, i.provider
    on conflict (day, user_id, model, provider) do update set
      input_tokens = u.input_tokens + excluded.input_tokens,
      output_tokens = u.output_tokens + excluded.output_tokens,
      requests = u.requests + excluded.requests,
      cost = u.cost + excluded.cost
  ), held as (
    -- Chats under hard-stop budgets: their holds give way to what they really cost.
    select hb.budget_id, f.held_period as period, sum(f.held_cost) as held,
      sum((i.input_tokens * coalesce(p.input_per_million, 0) + i.output_tokens * coalesce(p.output_per_million, 0)) / 1000000) as cost
    from input i join chat_in_flight f on f.id = i.chat_id cross join lateral unnest(f.held_budgets) as hb(budget_id)
    left join model_price p on p.model = i.model
    group by hb.budget_id, f.held_period
  ), released as (
    update budget_spend s set held = greatest(0, s.held - h.held), spent = s.spent + h.cost
    from held h where s.budget_id = h.budget_id and s.period = h.period
  ), audited as (
    insert into audit_record (user_id, at, action, target_type, target_id, prompt_hash, response_hash, model, provider, input_tokens, output_tokens, latency_ms, metadata)
    select i.user_id, now(), case when i.refused then 'chat.refused' else 'chat' end, 'model', i.model, i.prompt_hash, i.response_hash, i.model, nullif(i.provider, ''),
      i.input_tokens, i.output_tokens, i.latency_ms,
      i.metadata || jsonb_build_object('chatId', i.chat_id,
        'cost', (i.input_tokens * coalesce(p.input_per_million, 0) + i.output_tokens * coalesce(p.output_per_million, 0)) / 1000000)
        || case when i.api_key_id is null then '{}'::jsonb else jsonb_build_object('apiKeyId', i.api_key_id) end
    from input i left join model_price p on p.model = i.model order by i.ord
    returning audit_record.id, (audit_record.metadata->>'chatId')::uuid as chat_id
  ), closed as (
    update chat_in_flight f set settled_at = now(), audit_id = a.id from audited a where f.id = a.chat_id
  ), refusals_kept as (
    insert into chat_in_flight (id, request_id, instance_id, user_id, api_key_id, model, prompt_hash, via, day,
                                reserved_input, reserved_output, settled_at, audit_id)
    select i.chat_id, coalesce(i.metadata->>'requestId', ''), '', i.user_id, (i.metadata->>'apiKeyId')::uuid, i.model,
      coalesce(i.prompt_hash, ''), coalesce(i.metadata->>'via', ''), i.day, 0, 0, now(), a.id
    from input i join audited a on a.chat_id = i.chat_id
    where i.refused
    on conflict (id) do nothing
  )
  select a.chat_id, a.id from audited a
  union all
  select f.id, f.audit_id from (select f.id, f.audit_id, f.settled_at from chat_in_flight f where f.id = any(p_chat_ids) offset 0) f
  where f.settled_at is not null;
end
$function$
