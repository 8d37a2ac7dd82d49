-- audit_canonical as migration 0003-audit-chain installed it. Frozen: never edit; the current definition is server/db/functions/audit_canonical.sql.
CREATE OR REPLACE FUNCTION public.audit_canonical(r audit_record)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE
AS $function$
      select jsonb_build_array(r.seq, r.id, to_char(r.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), r.user_id, r.action,
        r.target_type, r.target_id, r.prompt_hash, r.response_hash, r.model, r.provider,
        r.input_tokens, r.output_tokens, r.latency_ms, r.metadata)::text
    $function$

