-- chat_rollup_extend as migration 0015-request-log installed it. Frozen: never edit; the current definition is server/db/functions/chat_rollup_extend.sql.
CREATE OR REPLACE FUNCTION public.chat_rollup_extend(max_rows integer, p_timezone text, p_wait boolean)
 RETURNS integer
 LANGUAGE plpgsql
AS $function$
declare w bigint; tz text; hi bigint; n int;
begin
  if p_wait then perform pg_advisory_xact_lock(hashtext('zero_chat_rollup'));
  elsif not pg_try_advisory_xact_lock(hashtext('zero_chat_rollup')) then return 0; end if;
  select last_seq, timezone into w, tz from chat_rollup_state where id = 1 for update;
  if tz <> p_timezone then
    truncate chat_rollup_hourly, chat_latency_hourly, chat_rollup_user_daily;
    w := 0;
    update chat_rollup_state set last_seq = 0, timezone = p_timezone where id = 1;
  end if;
  select max(s.seq), count(*) into hi, n from (select seq from audit_record where seq > w order by seq limit max_rows) s;
  if n = 0 then return 0; end if;
  insert into chat_rollup_hourly as r (hour, model, provider, requests, errors, fallbacks, input_tokens, output_tokens,
      refused_quota, refused_budget, refused_rate, refused_dlp, refused_access)
    select date_trunc('hour', a.at, 'UTC'), coalesce(a.model, ''), coalesce(a.provider, ''), count(*),
      count(*) filter (where chat_is_error(a.metadata)), count(*) filter (where chat_fell_back(a.provider, a.metadata)),
      coalesce(sum(a.input_tokens), 0), coalesce(sum(a.output_tokens), 0),
      count(*) filter (where chat_refusal_kind(a.action, a.metadata) = 'quota'),
      count(*) filter (where chat_refusal_kind(a.action, a.metadata) = 'budget'),
      count(*) filter (where chat_refusal_kind(a.action, a.metadata) = 'rate'),
      count(*) filter (where chat_refusal_kind(a.action, a.metadata) = 'dlp'),
      count(*) filter (where chat_refusal_kind(a.action, a.metadata) = 'access')
    from audit_record a where a.seq > w and a.seq <= hi and a.action in ('chat', 'chat.refused')
    group by 1, 2, 3 order by 1, 2, 3
    on conflict (hour, model, provider) do update set
      requests = r.requests + excluded.requests, errors = r.errors + excluded.errors, fallbacks = r.fallbacks + excluded.fallbacks,
      input_tokens = r.input_tokens + excluded.input_tokens, output_tokens = r.output_tokens + excluded.output_tokens,
      refused_quota = r.refused_quota + excluded.refused_quota, refused_budget = r.refused_budget + excluded.refused_budget,
      refused_rate = r.refused_rate + excluded.refused_rate, refused_dlp = r.refused_dlp + excluded.refused_dlp,
      refused_access = r.refused_access + excluded.refused_access;
  insert into chat_latency_hourly as r (hour, bucket, chats)
    select date_trunc('hour', a.at, 'UTC'), chat_latency_bucket(a.latency_ms), count(*)
    from audit_record a where a.seq > w and a.seq <= hi and a.action = 'chat'
    group by 1, 2 order by 1, 2
    on conflict (hour, bucket) do update set chats = r.chats + excluded.chats;
  insert into chat_rollup_user_daily as r (day, user_id, requests, errors, input_tokens, output_tokens, refused)
    select (a.at at time zone p_timezone)::date, a.user_id, count(*), count(*) filter (where chat_is_error(a.metadata)),
      coalesce(sum(a.input_tokens), 0), coalesce(sum(a.output_tokens), 0), count(*) filter (where a.action = 'chat.refused')
    from audit_record a where a.seq > w and a.seq <= hi and a.action in ('chat', 'chat.refused') and a.user_id is not null
    group by 1, 2 order by 1, 2
    on conflict (day, user_id) do update set
      requests = r.requests + excluded.requests, errors = r.errors + excluded.errors,
      input_tokens = r.input_tokens + excluded.input_tokens, output_tokens = r.output_tokens + excluded.output_tokens,
      refused = r.refused + excluded.refused;
  update chat_rollup_state set last_seq = hi where id = 1;
  return n;
end
$function$
