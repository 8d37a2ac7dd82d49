-- A chat audit record whose outcome is anything but ok.
CREATE OR REPLACE FUNCTION public.chat_is_error(metadata jsonb)
 RETURNS boolean
 LANGUAGE sql
 IMMUTABLE
AS $function$
select coalesce(metadata->>'outcome', 'ok') <> 'ok'
$function$
