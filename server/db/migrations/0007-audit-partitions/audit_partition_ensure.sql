-- audit_partition_ensure as migration 0007-audit-partitions installed it. Frozen: never edit; the current definition is server/db/functions/audit_partition_ensure.sql.
CREATE OR REPLACE FUNCTION public.audit_partition_ensure(p_month timestamp with time zone)
 RETURNS boolean
 LANGUAGE plpgsql
AS $function$
      declare lo timestamptz := date_trunc('month', p_month, 'UTC'); hi timestamptz; name text;
      begin
        if (select relkind from pg_class where oid = 'audit_record'::regclass) <> 'p' then return false; end if;
        hi := (((lo at time zone 'UTC') + interval '1 month') at time zone 'UTC');
        name := 'audit_record_p' || to_char(lo at time zone 'UTC', 'YYYYMM');
        if to_regclass(name) is not null then return false; end if;
        -- A month that already has rows in the default partition stays there; retention deletes those rows.
        if exists (select 1 from audit_record_default where at >= lo and at < hi) then return false; end if;
        execute format('create table %I partition of audit_record for values from (%L) to (%L)', name, lo, hi);
        return true;
      end $function$

