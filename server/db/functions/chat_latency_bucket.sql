-- The latency histogram bucket of a chat: bucket i holds latencies in
-- [1.2^i, 1.2^(i+1)) ms, 64 buckets up to ~117 s, the last one open-ended.
-- server/modules/executive/latency-histogram.ts reads the buckets back.
CREATE OR REPLACE FUNCTION public.chat_latency_bucket(ms integer)
 RETURNS smallint
 LANGUAGE sql
 IMMUTABLE
AS $function$
select least(63, greatest(0, floor(ln(greatest(coalesce(ms, 0), 1)::float8) / ln(1.2::float8))))::smallint
$function$
