-- An audit record's hash: SHA-256 over the previous record's hash followed by
-- this record's canonical encoding. server/modules/audit/audit-verify.ts
-- recomputes it in the same way.
CREATE OR REPLACE FUNCTION public.audit_record_hash(prev_hash text, r audit_record)
 RETURNS character
 LANGUAGE sql
 IMMUTABLE
AS $function$
select encode(sha256(convert_to(prev_hash || audit_canonical(r), 'UTF8')), 'hex')
$function$
