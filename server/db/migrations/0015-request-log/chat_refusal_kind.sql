-- chat_refusal_kind as migration 0015-request-log installed it. Frozen: never edit; the current definition is server/db/functions/chat_refusal_kind.sql.
CREATE OR REPLACE FUNCTION public.chat_refusal_kind(action text, metadata jsonb)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE
AS $function$
select case when action <> 'chat.refused' then null else case metadata->>'reason'
  when 'QUOTA_EXCEEDED' then 'quota'
  when 'BUDGET_EXCEEDED' then 'budget'
  when 'RATE_LIMITED' then 'rate'
  when 'DLP_BLOCKED' then 'dlp'
  else 'access' end end
$function$
