/**
 * The audit chain's ceiling. Every audited chat of every instance becomes one
 * link of one serial hash chain, sealed by one sealer at a time; this measures
 * how many records per second that sealer keeps up with on this machine:
 *
 * 1. backlog: BENCH_BACKLOG (default 100,000) unsealed chat records sealed from
 *    scratch, as after an outage of the sealer;
 * 2. steady state: writers insert records at a fixed rate (like settled chats,
 *    in batches of 50 every 10 ms) while the gateway's sealer runs every 200 ms;
 *    for each rate, the backlog left after BENCH_SECONDS (default 10) says
 *    whether it kept up.
 *
 *   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres node --import tsx bench/audit-sealer.ts
 */
import pg from 'pg';
import pino from 'pino';
import { initOrm, migrateUp } from '../server/db/orm.ts';
import { AuditSealer } from '../server/modules/audit/audit-sealer.ts';

const BASE_URL = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const DB = 'zg_bench_sealer';
const BACKLOG = Number(process.env.BENCH_BACKLOG ?? 100_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const RATES = (process.env.BENCH_RATES ?? '1000,2000,4000,6000,8000,12000').split(',').map(Number);

const withDatabase = (url: string, name: string) => Object.assign(new URL(url), { pathname: `/${name}` }).toString();

const INSERT = `insert into audit_record (user_id, at, action, target_type, target_id, prompt_hash, response_hash, model, provider, input_tokens, output_tokens, latency_ms, metadata)
  select null, now(), 'chat', 'model', 'bench', md5(i::text), md5((i + 1)::text), 'bench', 'mock', 20, 80, 120, jsonb_build_object('requestId', i, 'outcome', 'ok')
  from generate_series(1, $1) as i`;

async function unsealed(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ n: string }>('select count(*) as n from audit_record where seq is null');
  return Number(rows[0].n);
}

async function main() {
  const admin = new pg.Client({ connectionString: BASE_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${DB} with (force)`);
  await admin.query(`create database ${DB}`);
  const url = withDatabase(BASE_URL, DB);
  const orm = await initOrm({ clientUrl: url, poolMax: 1, log: () => {} });
  await migrateUp(orm);
  await orm.close(true);
  const pool = new pg.Pool({ connectionString: url, max: 6 });
  const logger = pino({ level: 'warn' });
  try {
    // 1. Backlog.
    await pool.query(INSERT, [BACKLOG]);
    const sealer = new AuditSealer(pool, logger);
    let t0 = performance.now();
    const sealed = await sealer.sealNow();
    const backlogRate = sealed / ((performance.now() - t0) / 1000);
    console.log(`backlog: sealed ${sealed} records in ${((performance.now() - t0) / 1000).toFixed(1)} s = ${Math.round(backlogRate)} records/s`);

    // 2. Steady state, one rate after another.
    const rows: string[] = [];
    for (const rate of RATES) {
      const live = new AuditSealer(pool, logger);
      live.start();
      const perTick = Math.max(1, Math.round(rate / 100));
      let written = 0;
      t0 = performance.now();
      while (performance.now() - t0 < SECONDS * 1000) {
        const due = Math.floor(((performance.now() - t0) / 1000) * rate);
        while (written < due) {
          await pool.query(INSERT, [perTick]);
          written += perTick;
        }
        await new Promise((r) => setTimeout(r, 10));
      }
      const elapsed = (performance.now() - t0) / 1000;
      const left = await unsealed(pool);
      await live.stop();
      rows.push(`| ${rate} | ${Math.round(written / elapsed)} | ${left} | ${left < rate ? 'yes' : 'no'} |`);
      console.log(`rate ${rate}/s: wrote ${written} in ${elapsed.toFixed(1)} s, ${left} left unsealed`);
    }
    console.log(`\n| offered records/s | written records/s | unsealed after ${SECONDS} s | kept up |\n|---|---|---|---|\n${rows.join('\n')}`);
  } finally {
    await pool.end();
    await admin.query(`drop database if exists ${DB} with (force)`);
    await admin.end();
  }
}

await main();
