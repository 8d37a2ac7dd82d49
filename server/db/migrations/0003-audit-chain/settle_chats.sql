-- settle_chats as migration 0003-audit-chain installed it. Frozen: never edit; the current definition is server/db/functions/settle_chats.sql.
CREATE OR REPLACE FUNCTION public.settle_chats(p_user_ids uuid[], p_days date[], p_models text[], p_providers text[], p_in_deltas bigint[], p_out_deltas bigint[], p_input_tokens bigint[], p_output_tokens bigint[], p_prompt_hashes text[], p_response_hashes text[], p_latencies integer[], p_metadata jsonb[])
 RETURNS SETOF bigint
 LANGUAGE plpgsql
AS $function$
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
          insert into daily_usage as u (day, user_id, model, provider, input_tokens, output_tokens, requests)
          select i.day, i.user_id, i.model, i.provider, sum(i.input_tokens), sum(i.output_tokens), count(*) from input i
          group by i.day, i.user_id, i.model, i.provider
          order by i.day, i.user_id, i.model, i.provider
          on conflict (day, user_id, model, provider) do update set
            input_tokens = u.input_tokens + excluded.input_tokens,
            output_tokens = u.output_tokens + excluded.output_tokens,
            requests = u.requests + excluded.requests
        )
        insert into audit_record (user_id, at, action, target_type, target_id, prompt_hash, response_hash, model, provider, input_tokens, output_tokens, latency_ms, metadata)
        select i.user_id, now(), 'chat', 'model', i.model, i.prompt_hash, i.response_hash, i.model, nullif(i.provider, ''), i.input_tokens, i.output_tokens, i.latency_ms, i.metadata
        from input i order by i.ord
        returning audit_record.id;
      end $function$

