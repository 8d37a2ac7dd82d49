-- One retention pass, one instance at a time (null when another holds the lock):
-- creates the coming months' partitions, then expires a prefix of the chain. The
-- cut (k) is the first record in chain order that is kept, and never past what
-- the executive rollups consumed. A partition goes (detach, drop) when all its
-- rows are before the cut; other expired rows (default partition, stragglers
-- sealed after the cut at a month edge) are deleted; kept partitions are never
-- touched. Records live at least the retention period, at most a month longer.
-- A checkpoint records the first kept position and the hash it links to, so the
-- trail still verifies.
CREATE OR REPLACE FUNCTION public.audit_retention_run(p_cutoff timestamp with time zone)
 RETURNS jsonb
 LANGUAGE plpgsql
AS $function$
declare head record; k bigint; last_cp bigint; ph text; through timestamptz; n bigint := 0; c bigint; all_before boolean;
  part record; hi timestamptz; dropped text[] := '{}'; deleted bigint; created int;
begin
  if not pg_try_advisory_xact_lock(hashtext('zero_audit_retention')) then return null; end if;
  select count(*) filter (where audit_partition_ensure(((date_trunc('month', now(), 'UTC') at time zone 'UTC') + i * interval '1 month') at time zone 'UTC')) into created from generate_series(0, 2) i;
  select last_seq, last_hash into head from audit_chain_head where id = 1;
  -- Expired: whole months (partitions) before the cutoff's month, and default-partition rows
  -- before the cutoff itself (on a plain table, every row before the cutoff).
  if (select relkind from pg_class where oid = 'audit_record'::regclass) = 'p' then
    select min(x.seq) into k from (
      (select seq from audit_record where at >= date_trunc('month', p_cutoff, 'UTC') and seq is not null
         and tableoid <> 'audit_record_default'::regclass order by seq limit 1)
      union all
      (select seq from audit_record_default where at >= p_cutoff and seq is not null order by seq limit 1)) x;
  else
    select seq into k from audit_record where seq is not null and at >= p_cutoff order by seq limit 1;
  end if;
  k := least(coalesce(k, head.last_seq + 1), (select last_seq from chat_rollup_state where id = 1) + 1);
  select max(first_kept_seq) into last_cp from audit_checkpoint;
  if k <= coalesce(last_cp, 1) then
    return jsonb_build_object('firstKeptSeq', coalesce(last_cp, 1), 'droppedRecords', 0, 'droppedPartitions', '[]'::jsonb, 'createdPartitions', created);
  end if;
  select hash into ph from audit_record where seq = k - 1;
  if ph is null then raise exception 'audit chain position % is missing; retention stopped', k - 1; end if;
  select max(at) into through from audit_record where at < p_cutoff and seq < k;
  for part in
    select c2.relname from pg_inherits i join pg_class c2 on c2.oid = i.inhrelid
    where i.inhparent = 'audit_record'::regclass and c2.relname ~ '^audit_record_p[0-9]{6}$' order by c2.relname
  loop
    hi := ((to_date(substr(part.relname, 15), 'YYYYMM') + interval '1 month')::timestamp at time zone 'UTC');
    continue when hi > p_cutoff;
    execute format('select count(*), coalesce(bool_and(seq is not null and seq < %s), true) from %I', k, part.relname) into c, all_before;
    if all_before then
      execute format('alter table audit_record detach partition %I', part.relname);
      execute format('drop table %I', part.relname);
      n := n + c;
      dropped := dropped || part.relname::text;
    end if;
  end loop;
  delete from audit_record where at < p_cutoff and seq < k;
  get diagnostics deleted = row_count;
  n := n + deleted;
  insert into audit_checkpoint (first_kept_seq, prev_hash, dropped_through, dropped_records) values (k, ph, coalesce(through, p_cutoff), n);
  insert into audit_record (user_id, at, action, target_type, metadata) values (null, now(), 'audit.retention', 'audit',
    jsonb_build_object('cutoff', p_cutoff, 'firstKeptSeq', k, 'droppedRecords', n, 'droppedThrough', through,
      'droppedPartitions', to_jsonb(dropped), 'deletedRecords', deleted));
  return jsonb_build_object('firstKeptSeq', k, 'droppedRecords', n, 'droppedPartitions', to_jsonb(dropped), 'createdPartitions', created);
end
$function$
