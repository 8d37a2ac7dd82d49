-- audit_chain_extend as migration 0016-speed installed it. Frozen: never edit; the current definition is server/db/functions/audit_chain_extend.sql.
CREATE OR REPLACE FUNCTION public.audit_chain_extend(max_rows integer)
 RETURNS integer
 LANGUAGE plpgsql
AS $function$
declare
  head record;
  r record;
  n int := 0;
  h text;
  v_ids bigint[] := '{}';
  v_ats timestamptz[] := '{}';
  v_prev text[] := '{}';
  v_hash text[] := '{}';
begin
  if not pg_try_advisory_xact_lock(hashtext('zero_audit_chain')) then return 0; end if;
  select last_seq, last_hash into head from audit_chain_head where id = 1 for update;
  h := head.last_hash;
  for r in
    select a.id, a.at, audit_canonical(jsonb_populate_record(a, jsonb_build_object('seq', head.last_seq + row_number() over (order by a.id)))) as canonical
    from audit_record a where a.seq is null order by a.id limit max_rows
  loop
    n := n + 1;
    v_ids := v_ids || r.id;
    v_ats := v_ats || r.at;
    v_prev := v_prev || h;
    h := encode(sha256(convert_to(h || r.canonical, 'UTF8')), 'hex');
    v_hash := v_hash || h;
  end loop;
  if n > 0 then
    update audit_record a set seq = head.last_seq + u.ord, prev_hash = u.prev_hash, hash = u.hash
    from unnest(v_ids, v_ats, v_prev, v_hash) with ordinality as u(id, at, prev_hash, hash, ord)
    where a.id = u.id and a.at = u.at;
    update audit_chain_head set last_seq = head.last_seq + n, last_hash = h where id = 1;
  end if;
  return n;
end
$function$
