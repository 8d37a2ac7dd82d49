import { Migration } from '@mikro-orm/migrations';

/**
 * Pre-aggregated chat facts for the executive view, so a summary or a trend
 * over months reads thousands of rows instead of a million audit records.
 *
 * `chat_rollup_extend` folds sealed chat audit records into three rollups:
 * per UTC hour, model and provider (counts, errors, fallbacks, tokens); per UTC
 * hour and latency bucket (a log-scale histogram: bucket i holds latencies in
 * [1.2^i, 1.2^(i+1)) ms, 64 buckets up to ~117 s, the last one open-ended); and
 * per day in the configured time zone and user. The watermark is the audit
 * chain position (`seq`), not the record id: ids are taken before commit, so a
 * smaller id can become visible after a larger one, whereas the sealer assigns
 * `seq` one transaction at a time, so what is sealed is always a prefix.
 * One roller at a time across gateway instances (an advisory lock).
 */
export class Migration0005Executive extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "chat_rollup_state" (
      "id" smallint primary key check ("id" = 1),
      "last_seq" bigint not null,
      "timezone" text not null);`);
    this.addSql(`insert into "chat_rollup_state" values (1, 0, 'UTC');`);
    this.addSql(`create table "chat_rollup_hourly" (
      "hour" timestamptz not null,
      "model" varchar(200) not null,
      "provider" varchar(200) not null,
      "requests" int not null,
      "errors" int not null,
      "fallbacks" int not null,
      "input_tokens" bigint not null,
      "output_tokens" bigint not null,
      primary key ("hour", "model", "provider"));`);
    this.addSql(`create table "chat_latency_hourly" (
      "hour" timestamptz not null,
      "bucket" smallint not null,
      "chats" int not null,
      primary key ("hour", "bucket"));`);
    this.addSql(`create table "chat_rollup_user_daily" (
      "day" date not null,
      "user_id" uuid not null,
      "requests" int not null,
      "errors" int not null,
      "input_tokens" bigint not null,
      "output_tokens" bigint not null,
      primary key ("day", "user_id"));`);
    this.addSql(`create index "chat_rollup_user_daily_user_id_day_index" on "chat_rollup_user_daily" ("user_id", "day");`);

    this.addSql(`create function chat_latency_bucket(ms int) returns smallint language sql immutable as $$
      select least(63, greatest(0, floor(ln(greatest(coalesce(ms, 0), 1)::float8) / ln(1.2::float8))))::smallint
    $$;`);
    this.addSql(`create function chat_is_error(metadata jsonb) returns boolean language sql immutable as $$
      select coalesce(metadata->>'outcome', 'ok') <> 'ok'
    $$;`);
    // Fell back: answered by a provider other than the first one tried, or more than one provider tried.
    this.addSql(`create function chat_fell_back(provider text, metadata jsonb) returns boolean language sql immutable as $$
      select case when coalesce(jsonb_typeof(metadata->'attempts'), '') <> 'array' then false
        when jsonb_array_length(metadata->'attempts') = 0 then false
        else (provider is not null and provider <> '' and provider is distinct from metadata->'attempts'->0->>'provider')
          or (select count(distinct a->>'provider') > 1 from jsonb_array_elements(metadata->'attempts') a) end
    $$;`);

    // Folds up to max_rows sealed audit records past the watermark into the rollups; returns how
    // many records it consumed (0 when another instance holds the lock and p_wait is false).
    // A changed time zone rebuilds the rollups, since the per-user days follow it.
    this.addSql(`create function chat_rollup_extend(max_rows int, p_timezone text, p_wait boolean) returns int language plpgsql as $$
      declare w bigint; tz text; hi bigint; n int;
      begin
        if p_wait then perform pg_advisory_xact_lock(hashtext('zero_chat_rollup'));
        elsif not pg_try_advisory_xact_lock(hashtext('zero_chat_rollup')) then return 0; end if;
        select last_seq, timezone into w, tz from chat_rollup_state where id = 1 for update;
        if tz <> p_timezone then
          truncate chat_rollup_hourly, chat_latency_hourly, chat_rollup_user_daily;
          w := 0;
          update chat_rollup_state set last_seq = 0, timezone = p_timezone where id = 1;
        end if;
        select max(s.seq), count(*) into hi, n from (select seq from audit_record where seq > w order by seq limit max_rows) s;
        if n = 0 then return 0; end if;
        insert into chat_rollup_hourly as r (hour, model, provider, requests, errors, fallbacks, input_tokens, output_tokens)
          select date_trunc('hour', a.at, 'UTC'), coalesce(a.model, ''), coalesce(a.provider, ''), count(*),
            count(*) filter (where chat_is_error(a.metadata)), count(*) filter (where chat_fell_back(a.provider, a.metadata)),
            coalesce(sum(a.input_tokens), 0), coalesce(sum(a.output_tokens), 0)
          from audit_record a where a.seq > w and a.seq <= hi and a.action = 'chat'
          group by 1, 2, 3 order by 1, 2, 3
          on conflict (hour, model, provider) do update set
            requests = r.requests + excluded.requests, errors = r.errors + excluded.errors, fallbacks = r.fallbacks + excluded.fallbacks,
            input_tokens = r.input_tokens + excluded.input_tokens, output_tokens = r.output_tokens + excluded.output_tokens;
        insert into chat_latency_hourly as r (hour, bucket, chats)
          select date_trunc('hour', a.at, 'UTC'), chat_latency_bucket(a.latency_ms), count(*)
          from audit_record a where a.seq > w and a.seq <= hi and a.action = 'chat'
          group by 1, 2 order by 1, 2
          on conflict (hour, bucket) do update set chats = r.chats + excluded.chats;
        insert into chat_rollup_user_daily as r (day, user_id, requests, errors, input_tokens, output_tokens)
          select (a.at at time zone p_timezone)::date, a.user_id, count(*), count(*) filter (where chat_is_error(a.metadata)),
            coalesce(sum(a.input_tokens), 0), coalesce(sum(a.output_tokens), 0)
          from audit_record a where a.seq > w and a.seq <= hi and a.action = 'chat' and a.user_id is not null
          group by 1, 2 order by 1, 2
          on conflict (day, user_id) do update set
            requests = r.requests + excluded.requests, errors = r.errors + excluded.errors,
            input_tokens = r.input_tokens + excluded.input_tokens, output_tokens = r.output_tokens + excluded.output_tokens;
        update chat_rollup_state set last_seq = hi where id = 1;
        return n;
      end $$;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop function if exists chat_rollup_extend; drop function if exists chat_fell_back; drop function if exists chat_is_error; drop function if exists chat_latency_bucket;`);
    this.addSql(`drop table if exists chat_rollup_user_daily; drop table if exists chat_latency_hourly; drop table if exists chat_rollup_hourly; drop table if exists chat_rollup_state;`);
  }
}
