-- settle_chats as migration 0008-chat-ledger installed it. Frozen: never edit; the current definition is server/db/functions/settle_chats.sql.
CREATE OR REPLACE FUNCTION public.settle_chats(p_chat_ids uuid[], p_user_ids uuid[], p_days date[], p_models text[], p_providers text[], p_input_tokens bigint[], p_output_tokens bigint[], p_prompt_hashes text[], p_response_hashes text[], p_latencies integer[], p_metadata jsonb[])
 RETURNS TABLE(chat_id uuid, audit_id bigint)
 LANGUAGE plpgsql
AS $function$
  begin
    -- One lock order for every batch: admission rows, then counters.
    perform 1 from chat_in_flight f where f.id = any(p_chat_ids) order by f.id for update;
    if cardinality(p_user_ids) > 1 then
      perform 1 from quota_counter c
        join unnest(p_user_ids, p_days) as k(user_id, day) on c.user_id = k.user_id and c.day = k.day
        order by c.user_id, c.day for update of c;
    end if;
    return query
    with raw as (
      select * from unnest(p_chat_ids, p_user_ids, p_days, p_models, p_providers, p_input_tokens, p_output_tokens,
                           p_prompt_hashes, p_response_hashes, p_latencies, p_metadata) with ordinality
        as t(chat_id, user_id, day, model, provider, input_tokens, output_tokens, prompt_hash, response_hash, latency_ms, metadata, ord)
    ), input as (
      select r.*, coalesce(f.reserved_input, 0) as reserved_input, coalesce(f.reserved_output, 0) as reserved_output
      from raw r left join chat_in_flight f on f.id = r.chat_id
      where f.settled_at is null
    ), deltas as (
      select i.user_id, i.day, sum(i.input_tokens - i.reserved_input) as in_delta, sum(i.output_tokens - i.reserved_output) as out_delta
      from input i group by i.user_id, i.day
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
      group by i.day, i.user_id, i.model, i.provider
      order by i.day, i.user_id, i.model, i.provider
      on conflict (day, user_id, model, provider) do update set
        input_tokens = u.input_tokens + excluded.input_tokens,
        output_tokens = u.output_tokens + excluded.output_tokens,
        requests = u.requests + excluded.requests,
        cost = u.cost + excluded.cost
    ), audited as (
      insert into audit_record (user_id, at, action, target_type, target_id, prompt_hash, response_hash, model, provider, input_tokens, output_tokens, latency_ms, metadata)
      select i.user_id, now(), 'chat', 'model', i.model, i.prompt_hash, i.response_hash, i.model, nullif(i.provider, ''), i.input_tokens, i.output_tokens, i.latency_ms,
        i.metadata || jsonb_build_object('chatId', i.chat_id)
      from input i order by i.ord
      returning audit_record.id, (audit_record.metadata->>'chatId')::uuid as chat_id
    ), closed as (
      update chat_in_flight f set settled_at = now(), audit_id = a.id from audited a where f.id = a.chat_id
    )
    select a.chat_id, a.id from audited a
    union all
    select f.id, f.audit_id from chat_in_flight f where f.id = any(p_chat_ids) and f.settled_at is not null;
  end $function$

