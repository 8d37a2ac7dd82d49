-- audit_chain_extend as migration 0007-audit-partitions installed it. Frozen: never edit; the current definition is server/db/functions/audit_chain_extend.sql.
CREATE OR REPLACE FUNCTION public.audit_chain_extend(max_rows integer)
 RETURNS integer
 LANGUAGE plpgsql
AS $function$
      declare head record; r audit_record; n int := 0; h text; s bigint;
      begin
        if not pg_try_advisory_xact_lock(hashtext('zero_audit_chain')) then return 0; end if;
        select last_seq, last_hash into head from audit_chain_head where id = 1 for update;
        h := head.last_hash;
        s := head.last_seq;
        for r in select * from audit_record where seq is null order by id limit max_rows loop
          s := s + 1;
          r.seq := s;
          r.prev_hash := h;
          h := audit_record_hash(r.prev_hash, r);
          update audit_record set seq = s, prev_hash = r.prev_hash, hash = h where id = r.id and at = r.at;
          n := n + 1;
        end loop;
        if n > 0 then update audit_chain_head set last_seq = s, last_hash = h where id = 1; end if;
        return n;
      end $function$

