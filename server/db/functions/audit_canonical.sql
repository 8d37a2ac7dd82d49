-- The canonical encoding of an audit record: a JSON array of every field in a
-- fixed order (jsonb prints deterministically). It must never change, or the
-- records already sealed stop verifying. Takes the row type, so it is dropped and
-- recreated whenever audit_record is rebuilt (migration 0007).
CREATE OR REPLACE FUNCTION public.audit_canonical(r audit_record)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE
AS $function$
select jsonb_build_array(r.seq, r.id, to_char(r.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), r.user_id, r.action,
  r.target_type, r.target_id, r.prompt_hash, r.response_hash, r.model, r.provider,
  r.input_tokens, r.output_tokens, r.latency_ms, r.metadata)::text
$function$
