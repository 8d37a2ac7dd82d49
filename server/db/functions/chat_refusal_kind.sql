-- The kind of a refused chat's audit record by its reason code (quota, budget,
-- rate, dlp, access), null for anything else; the executive rollups and the
-- request log count refusals by it.
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
