-- audit_record_hash as migration 0003-audit-chain installed it. Frozen: never edit; the current definition is server/db/functions/audit_record_hash.sql.
CREATE OR REPLACE FUNCTION public.audit_record_hash(prev_hash text, r audit_record)
 RETURNS character
 LANGUAGE sql
 IMMUTABLE
AS $function$
      select encode(sha256(convert_to(prev_hash || audit_canonical(r), 'UTF8')), 'hex')
    $function$

