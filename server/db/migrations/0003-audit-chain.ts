import { Migration } from '@mikro-orm/migrations';

/**
 * Tamper-evident audit trail. Every record gets a contiguous chain position
 * (`seq`), the hash of the record before it and its own SHA-256 over a
 * canonical JSON encoding of its fields. Writers insert plain rows, so nothing
 * on the request path waits for the chain; `audit_chain_extend` seals committed
 * rows into the chain in batches, one sealer at a time across all gateway
 * instances (an advisory lock). Chat settlements go through `settle_chats`,
 * which locks the rows it changes in a fixed order so concurrent batches from
 * several instances cannot deadlock.
 */
export class Migration0003AuditChain extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "audit_record" add column "seq" bigint null, add column "prev_hash" char(64) null, add column "hash" char(64) null;`);
    this.addSql(`create index "audit_record_unsealed_index" on "audit_record" ("id") where "seq" is null;`);
    this.addSql(`create table "audit_chain_head" (
      "id" smallint primary key check ("id" = 1),
      "last_seq" bigint not null,
      "last_hash" char(64) not null);`);
    this.addSql(`insert into "audit_chain_head" values (1, 0, repeat('0', 64));`);

    // The canonical encoding: a JSON array of every field in a fixed order; jsonb prints deterministically.
    this.addSql(`create function audit_canonical(r audit_record) returns text language sql immutable as $$
      select jsonb_build_array(r.seq, r.id, to_char(r.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), r.user_id, r.action,
        r.target_type, r.target_id, r.prompt_hash, r.response_hash, r.model, r.provider,
        r.input_tokens, r.output_tokens, r.latency_ms, r.metadata)::text
    $$;`);
    this.addSql(`create function audit_record_hash(prev_hash text, r audit_record) returns char(64) language sql immutable as $$
      select encode(sha256(convert_to(prev_hash || audit_canonical(r), 'UTF8')), 'hex')
    $$;`);

    // Seals up to max_rows committed, unsealed records into the chain, in id order. Returns how
    // many; 0 when another sealer (another gateway instance) holds the lock right now.
    this.addSql(`create function audit_chain_extend(max_rows int) returns int language plpgsql as $$
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
          update audit_record set seq = s, prev_hash = r.prev_hash, hash = h where id = r.id;
          n := n + 1;
        end loop;
        if n > 0 then update audit_chain_head set last_seq = s, last_hash = h where id = 1; end if;
        return n;
      end $$;`);
    this.addSql(`select audit_chain_extend(2147483647);`);
    this.addSql(`create unique index "audit_record_seq_unique" on "audit_record" ("seq");`);

    // Meters and audits a batch of finished chats. Locks the counters it changes in a fixed
    // order first, and writes usage rows in that order too, so batches never deadlock.
    this.addSql(`create function settle_chats(
        p_user_ids uuid[], p_days date[], p_models text[], p_providers text[], p_in_deltas int8[], p_out_deltas int8[],
        p_input_tokens int8[], p_output_tokens int8[], p_prompt_hashes text[], p_response_hashes text[], p_latencies int4[], p_metadata jsonb[])
      returns setof bigint language plpgsql as $$
      begin
        if cardinality(p_user_ids) > 1 then
          perform 1 from quota_counter c
            join unnest(p_user_ids, p_days) as k(user_id, day) on c.user_id = k.user_id and c.day = k.day
            order by c.user_id, c.day for update of c;
        end if;
        return query
        with input as (
          select * from unnest(p_user_ids, p_days, p_models, p_providers, p_in_deltas, p_out_deltas, p_input_tokens, p_output_tokens,
                               p_prompt_hashes, p_response_hashes, p_latencies, p_metadata) with ordinality
            as t(user_id, day, model, provider, in_delta, out_delta, input_tokens, output_tokens, prompt_hash, response_hash, latency_ms, metadata, ord)
        ), counter as (
          update quota_counter c set
            input_tokens = greatest(0, c.input_tokens + d.in_delta),
            output_tokens = greatest(0, c.output_tokens + d.out_delta)
          from (select i.user_id, i.day, sum(i.in_delta) as in_delta, sum(i.out_delta) as out_delta from input i group by i.user_id, i.day) d
          where c.user_id = d.user_id and c.day = d.day
        ), usage as (
          insert into daily_usage as u (day, user_id, model, provider, input_tokens, output_tokens, requests)
          select i.day, i.user_id, i.model, i.provider, sum(i.input_tokens), sum(i.output_tokens), count(*) from input i
          group by i.day, i.user_id, i.model, i.provider
          order by i.day, i.user_id, i.model, i.provider
          on conflict (day, user_id, model, provider) do update set
            input_tokens = u.input_tokens + excluded.input_tokens,
            output_tokens = u.output_tokens + excluded.output_tokens,
            requests = u.requests + excluded.requests
        )
        insert into audit_record (user_id, at, action, target_type, target_id, prompt_hash, response_hash, model, provider, input_tokens, output_tokens, latency_ms, metadata)
        select i.user_id, now(), 'chat', 'model', i.model, i.prompt_hash, i.response_hash, i.model, nullif(i.provider, ''), i.input_tokens, i.output_tokens, i.latency_ms, i.metadata
        from input i order by i.ord
        returning audit_record.id;
      end $$;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop function if exists settle_chats;`);
    this.addSql(`drop function if exists audit_chain_extend; drop function if exists audit_record_hash; drop function if exists audit_canonical;`);
    this.addSql(`drop table if exists audit_chain_head;`);
    this.addSql(`alter table audit_record drop column seq, drop column prev_hash, drop column hash;`);
  }
}
