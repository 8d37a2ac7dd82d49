import { Migration } from '@mikro-orm/migrations';

/**
 * Tamper-evident audit trail. Every record gets a contiguous chain position
 * (`seq`), the hash of the record before it and its own SHA-256 over a
 * canonical JSON encoding of its fields. A BEFORE INSERT trigger extends the
 * chain, so every writer (ORM or SQL, any gateway instance) is chained in the
 * order its transaction takes the chain head's row lock. Chat settlements go
 * through `settle_chats`, which takes that lock first so batches never deadlock.
 */
export class Migration0003AuditChain extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "audit_record" add column "seq" bigint null, add column "prev_hash" char(64) null, add column "hash" char(64) null;`);
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
    this.addSql(`create function audit_chain_append() returns trigger language plpgsql as $$
      declare head record;
      begin
        select last_seq, last_hash into head from audit_chain_head where id = 1 for update;
        new.seq := head.last_seq + 1;
        new.prev_hash := head.last_hash;
        new.hash := audit_record_hash(new.prev_hash, new);
        update audit_chain_head set last_seq = new.seq, last_hash = new.hash where id = 1;
        return new;
      end $$;`);

    // Chain what exists already, in id order.
    this.addSql(`do $$
      declare r audit_record; prev text := repeat('0', 64); n bigint := 0;
      begin
        for r in select * from audit_record order by id loop
          n := n + 1;
          r.seq := n;
          r.prev_hash := prev;
          r.hash := audit_record_hash(prev, r);
          update audit_record set seq = r.seq, prev_hash = r.prev_hash, hash = r.hash where id = r.id;
          prev := r.hash;
        end loop;
        update audit_chain_head set last_seq = n, last_hash = prev where id = 1;
      end $$;`);
    this.addSql(`alter table "audit_record" alter column "seq" set not null, alter column "prev_hash" set not null, alter column "hash" set not null;`);
    this.addSql(`create unique index "audit_record_seq_unique" on "audit_record" ("seq");`);
    this.addSql(`create trigger audit_chain_append before insert on audit_record for each row execute function audit_chain_append();`);

    // Meters and audits a batch of finished chats. Takes the chain head's lock first,
    // so concurrent batches (from any instance) serialize instead of deadlocking.
    this.addSql(`create function settle_chats(
        p_user_ids uuid[], p_days date[], p_models text[], p_providers text[], p_in_deltas int8[], p_out_deltas int8[],
        p_input_tokens int8[], p_output_tokens int8[], p_prompt_hashes text[], p_response_hashes text[], p_latencies int4[], p_metadata jsonb[])
      returns setof bigint language plpgsql as $$
      begin
        perform 1 from audit_chain_head where id = 1 for update;
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
    this.addSql(`drop trigger if exists audit_chain_append on audit_record;`);
    this.addSql(`drop function if exists audit_chain_append; drop function if exists audit_record_hash; drop function if exists audit_canonical;`);
    this.addSql(`drop table if exists audit_chain_head;`);
    this.addSql(`alter table audit_record drop column seq, drop column prev_hash, drop column hash;`);
  }
}
