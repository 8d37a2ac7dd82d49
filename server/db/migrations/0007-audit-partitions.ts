import { Migration } from '@mikro-orm/migrations';
import { frozenFunction } from './frozen-function.ts';

const MIGRATION = '0007-audit-partitions';

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
 * table stays plain and retention deletes rows instead; the functions it
 * installs handle both.
 */
export class Migration0007AuditPartitions extends Migration {
  override async up(): Promise<void> {
    // These take the row type in their signature, so they go with the old table and come back bound to the new one.
    this.addSql(`drop function audit_record_hash(text, audit_record); drop function audit_canonical(audit_record);`);
    this.addSql(frozenFunction(MIGRATION, 'audit_partition_ensure'));
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

    // The canonical encoding and the hash unchanged from 0003 (or existing records stop verifying); the
    // sealer's update names the partition key too, so it touches one partition; settle_chats unchanged
    // from 0006, recreated because its body names audit_record, so nothing keeps a plan of the old table.
    for (const name of ['audit_canonical', 'audit_record_hash', 'audit_chain_extend', 'settle_chats']) this.addSql(frozenFunction(MIGRATION, name));

    this.addSql(`create table audit_checkpoint (
      id bigserial primary key,
      created_at timestamptz not null default now(),
      -- The first record kept; it links to prev_hash, the hash of the last record dropped.
      first_kept_seq bigint not null unique,
      prev_hash char(64) not null,
      -- The newest time among the dropped records.
      dropped_through timestamptz not null,
      dropped_records bigint not null);`);

    // One retention pass, one instance at a time: creates the coming months' partitions, then expires a prefix of the chain.
    this.addSql(frozenFunction(MIGRATION, 'audit_retention_run'));
  }

  override async down(): Promise<void> {
    // Expired records are gone for good; down only removes the retention machinery and keeps the partitioned table.
    this.addSql(`drop function if exists audit_retention_run; drop function if exists audit_partition_ensure; drop table if exists audit_checkpoint;`);
  }
}
