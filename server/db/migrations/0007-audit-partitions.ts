import { Migration } from '@mikro-orm/migrations';
import { settleChatsSql } from './0006-budgets.ts';

const COLUMNS = `id, user_id, at, action, target_type, target_id, prompt_hash, response_hash, model, provider,
      input_tokens, output_tokens, latency_ms, metadata, seq, prev_hash, hash`;

/**
 * Audit retention. `audit_record` becomes a table partitioned by month of `at`
 * (UTC), so expiry drops whole partitions instead of deleting millions of rows;
 * a default partition catches anything outside the created months. Unique
 * constraints on a partitioned table must include the partition key, hence the
 * primary key (id, at) and unique (seq, at); `seq` stays contiguous because the
 * sealer takes it from the locked chain head, not from the index.
 *
 * The chain is only ever cut at a prefix (in chain order): `audit_checkpoint`
 * records where the kept part starts and the hash it links to, so the trail
 * still verifies after old records are gone.
 *
 * Where declarative partitioning is unavailable (checked, not assumed) the
 * table stays plain and retention deletes rows instead; the functions below
 * handle both.
 */
export class Migration0007AuditPartitions extends Migration {
  override async up(): Promise<void> {
    // These take the row type in their signature, so they go with the old table and come back bound to the new one.
    this.addSql(`drop function audit_record_hash(text, audit_record); drop function audit_canonical(audit_record);`);
    this.addSql(`create function audit_partition_ensure(p_month timestamptz) returns boolean language plpgsql as $$
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
      end $$;`);
    this.addSql(`do $$
      declare first_at timestamptz; last_at timestamptz;
      begin
        begin
          create table audit_partitioning_probe (at timestamptz not null) partition by range (at);
          drop table audit_partitioning_probe;
        exception when others then
          return;
        end;
        alter table audit_record rename to audit_record_unpartitioned;
        alter sequence audit_record_id_seq owned by none;
        create table audit_record (
          id bigint not null default nextval('audit_record_id_seq'),
          user_id uuid null,
          at timestamptz not null,
          action varchar(100) not null,
          target_type varchar(50) null,
          target_id varchar(100) null,
          prompt_hash varchar(64) null,
          response_hash varchar(64) null,
          model varchar(200) null,
          provider varchar(200) null,
          input_tokens int null,
          output_tokens int null,
          latency_ms int null,
          metadata jsonb not null default '{}',
          seq bigint null,
          prev_hash char(64) null,
          hash char(64) null) partition by range (at);
        create table audit_record_default partition of audit_record default;
        select min(at), max(at) into first_at, last_at from audit_record_unpartitioned;
        perform audit_partition_ensure(m at time zone 'UTC') from generate_series(
          date_trunc('month', least(coalesce(first_at, now()), now()), 'UTC') at time zone 'UTC',
          greatest(coalesce(last_at, now()), now()) at time zone 'UTC' + interval '2 months', interval '1 month') m;
        insert into audit_record (${COLUMNS}) select ${COLUMNS} from audit_record_unpartitioned order by id;
        drop table audit_record_unpartitioned;
        alter sequence audit_record_id_seq owned by audit_record.id;
        alter table audit_record add constraint audit_record_pkey primary key (id, at);
        create index audit_record_at_id_index on audit_record (at, id);
        create index audit_record_user_id_at_index on audit_record (user_id, at);
        create index audit_record_action_at_index on audit_record (action, at);
        create index audit_record_unsealed_index on audit_record (id) where seq is null;
        create unique index audit_record_seq_unique on audit_record (seq, at);
      end $$;`);

    // Unchanged from 0003: the canonical encoding and the hash must not move, or existing records stop verifying.
    this.addSql(`create function audit_canonical(r audit_record) returns text language sql immutable as $$
      select jsonb_build_array(r.seq, r.id, to_char(r.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), r.user_id, r.action,
        r.target_type, r.target_id, r.prompt_hash, r.response_hash, r.model, r.provider,
        r.input_tokens, r.output_tokens, r.latency_ms, r.metadata)::text
    $$;`);
    this.addSql(`create function audit_record_hash(prev_hash text, r audit_record) returns char(64) language sql immutable as $$
      select encode(sha256(convert_to(prev_hash || audit_canonical(r), 'UTF8')), 'hex')
    $$;`);
    // As in 0003; the update names the partition key too, so it touches one partition.
    this.addSql(`create or replace function audit_chain_extend(max_rows int) returns int language plpgsql as $$
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
      end $$;`);
    // Its body names audit_record; recreated so nothing keeps a plan of the old table.
    this.addSql(settleChatsSql(true));

    this.addSql(`create table audit_checkpoint (
      id bigserial primary key,
      created_at timestamptz not null default now(),
      -- The first record kept; it links to prev_hash, the hash of the last record dropped.
      first_kept_seq bigint not null unique,
      prev_hash char(64) not null,
      -- The newest time among the dropped records.
      dropped_through timestamptz not null,
      dropped_records bigint not null);`);

    // One retention pass, one instance at a time (null when another holds the lock): creates the
    // coming months' partitions, then expires a prefix of the chain. The cut (k) is the first record
    // in chain order that is kept, and never past what the executive rollups consumed. A partition
    // goes (detach, drop) when all its rows are before the cut; other expired rows (default
    // partition, stragglers sealed after the cut at a month edge) are deleted; kept partitions are
    // never touched. Records live at least the retention period, at most a month longer.
    this.addSql(`create function audit_retention_run(p_cutoff timestamptz) returns jsonb language plpgsql as $$
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
      end $$;`);
  }

  override async down(): Promise<void> {
    // Expired records are gone for good; down only removes the retention machinery and keeps the partitioned table.
    this.addSql(`drop function if exists audit_retention_run; drop function if exists audit_partition_ensure; drop table if exists audit_checkpoint;`);
  }
}
