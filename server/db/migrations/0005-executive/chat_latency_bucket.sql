-- chat_latency_bucket as migration 0005-executive installed it. Frozen: never edit; the current definition is server/db/functions/chat_latency_bucket.sql.
CREATE OR REPLACE FUNCTION public.chat_latency_bucket(ms integer)
 RETURNS smallint
 LANGUAGE sql
 IMMUTABLE
AS $function$
      select least(63, greatest(0, floor(ln(greatest(coalesce(ms, 0), 1)::float8) / ln(1.2::float8))))::smallint
    $function$

