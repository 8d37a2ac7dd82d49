-- chat_is_error as migration 0005-executive installed it. Frozen: never edit; the current definition is server/db/functions/chat_is_error.sql.
CREATE OR REPLACE FUNCTION public.chat_is_error(metadata jsonb)
 RETURNS boolean
 LANGUAGE sql
 IMMUTABLE
AS $function$
      select coalesce(metadata->>'outcome', 'ok') <> 'ok'
    $function$

