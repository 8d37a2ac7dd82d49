/**
 * The gateway's own cost per chat, door by door: the same chat sent straight
 * to a fake OpenAI-compatible upstream and through each of the gateway's doors,
 * JSON and streamed, at 1 and 50 connections, with the load generator (wrk, or
 * bench/ws-load.ts for WebSocket) and the upstream each in their own process.
 * Besides requests/s and latency it reads the CPU the gateway process and the
 * PostgreSQL backends of its database spent per request (/proc), which on a
 * shared machine is steadier than any timing. Then the latency a failover adds
 * when the primary refuses connections, and when its circuit is open.
 *
 *   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres node --import tsx bench/gateway-overhead.ts
 *
 * The gateway runs as `npm start` does with NODE_ENV=production and everything
 * on: DLP, quota reservation (a member with a daily quota), budgets, durable
 * metering and audit on PostgreSQL, and the background jobs. Rounds are
 * interleaved and medians reported. BENCH_SECONDS, BENCH_ROUNDS,
 * BENCH_CONNECTIONS (e.g. "50"), BENCH_ONLY (a substring of door names, e.g.
 * "Mutation") and BENCH_FAILOVER=0 narrow a run while working on one path;
 * BENCH_BASELINE_DIR=<another checkout> runs its gateway beside this one, cell
 * by cell in the same rounds, so a change is compared under the same load.
 */
import pg from 'pg';
import { refusedUrl } from '../test/fakes/fake-server.ts';
import { gql, type ServerProcess } from '../test/fixtures/server-process.ts';
import { BASE_URL, DOORS, PROMPT, direct, dropDatabase, load, median, providerConfig, startGateway, startUpstream, type Send } from './bench-gateway.ts';
import { cpuMeter } from './proc-cpu.ts';
import type { WrkResult } from './wrk.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '1,50').split(',').map(Number);
const ONLY = process.env.BENCH_ONLY;

interface Run extends WrkResult {
  gatewayCpuUs: number;
  postgresCpuUs: number;
}

/** p50 of sequential requests from this process (node fetch), for failover timings. */
async function sequentialP50(url: string, key: string, model: string, n: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await gql(url, 'mutation($i: ChatInput!) { chat(input: $i) { provider } }', { i: { model, messages: [{ role: 'USER', content: PROMPT }] } }, key);
    times.push(performance.now() - t);
  }
  return median(times);
}

async function main() {
  const upstream = await startUpstream();
  const dead = await refusedUrl('/v1');
  const started: { server: ServerProcess; dbName: string }[] = [];
  const admin = new pg.Client({ connectionString: BASE_URL });
  await admin.connect();
  try {
    // Gateway A: the overhead runs, and failover to a refusing primary with its circuit kept closed.
    const a = await startGateway('a', providerConfig(upstream.url, dead, 1_000_000_000));
    started.push(a);
    const cells: Record<string, Send> = {
      'direct (JSON)': direct(upstream.url, false),
      'direct (stream)': direct(upstream.url, true),
    };
    const doors = DOORS.filter((d) => !ONLY || d.name.includes(ONLY));
    for (const d of doors) cells[d.name] = d.send(a.server.url, a.key);
    // BENCH_BASELINE_DIR: a second checkout (say, main) run beside this one, cell by cell, to compare changes under the same load.
    const baselineDir = process.env.BENCH_BASELINE_DIR;
    const base = baselineDir ? await startGateway('base', providerConfig(upstream.url, dead, 1_000_000_000), baselineDir) : undefined;
    if (base) started.push(base);
    const gatewayOf = (cell: string) => (cell.startsWith('baseline ') ? base! : a);
    if (base) for (const d of doors) cells[`baseline ${d.name}`] = d.send(base.server.url, base.key);
    const results: Record<string, Record<number, Run[]>> = {};
    for (const [name, send] of Object.entries(cells)) {
      results[name] = Object.fromEntries(CONNECTIONS.map((c) => [c, []]));
      const warm = await load(send, 4, 1); // warm-up: JIT, pools, caches
      if (warm.errors || !warm.requests) throw new Error(`${name}: ${warm.errors} errors in ${warm.requests} requests while warming up`);
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (const connections of CONNECTIONS) {
        for (const [name, send] of Object.entries(cells)) {
          const g = gatewayOf(name);
          const meter = await cpuMeter({ gatewayPid: g.server.pid, admin, database: g.dbName });
          const r = await load(send, connections, SECONDS);
          const cpu = await meter.read();
          if (r.errors) throw new Error(`${name} at ${connections} connections: ${r.errors} errors`);
          const through = !name.startsWith('direct');
          results[name][connections].push({ ...r, gatewayCpuUs: through ? cpu.gateway / r.requests : NaN, postgresCpuUs: through ? cpu.postgres / r.requests : NaN });
        }
      }
    }

    const row = (name: string, c: number) => {
      const rs = results[name][c];
      const m = (f: (r: Run) => number) => median(rs.map(f));
      return { rps: m((r) => r.requestsPerSec), p50: m((r) => r.p50Ms), p99: m((r) => r.p99Ms), gateway: m((r) => r.gatewayCpuUs), postgres: m((r) => r.postgresCpuUs) };
    };
    const lines = [
      '| path | connections | requests/s | share of direct | p50 ms | added p50 ms | p99 ms | gateway CPU µs/request | PostgreSQL CPU µs/request |',
      '|---|---|---|---|---|---|---|---|---|',
    ];
    for (const c of CONNECTIONS) {
      for (const stream of [false, true]) {
        const directCell = stream ? 'direct (stream)' : 'direct (JSON)';
        const d = row(directCell, c);
        lines.push(`| ${directCell} | ${c} | ${d.rps.toFixed(0)} | | ${d.p50.toFixed(3)} | | ${d.p99.toFixed(3)} | | |`);
        for (const door of doors.filter((x) => x.stream === stream).flatMap((x) => (base ? [x.name, `baseline ${x.name}`] : [x.name]))) {
          const g = row(door, c);
          lines.push(
            `| ${door} | ${c} | ${g.rps.toFixed(0)} | 1/${(d.rps / g.rps).toFixed(1)} | ${g.p50.toFixed(3)} | ${(g.p50 - d.p50).toFixed(3)} | ${g.p99.toFixed(3)} | ${g.gateway.toFixed(0)} | ${g.postgres.toFixed(0)} |`,
          );
        }
      }
    }
    console.log(`\n${ROUNDS} interleaved rounds of ${SECONDS} s per cell, medians; load generator and fake upstream each in their own process.\n`);
    console.log(lines.join('\n'));

    if (process.env.BENCH_FAILOVER === '0') return;
    const failoverRefused = (await sequentialP50(a.server.url, a.key, 'bench-failover', 30)) - (await sequentialP50(a.server.url, a.key, 'bench', 30));
    // Gateway B: default breaker (opens after 5 failures); once open, the dead primary is skipped.
    const b = await startGateway('b', providerConfig(upstream.url, dead, 5));
    started.push(b);
    await sequentialP50(b.server.url, b.key, 'bench-failover', 8);
    const failoverOpen = (await sequentialP50(b.server.url, b.key, 'bench-failover', 300)) - (await sequentialP50(b.server.url, b.key, 'bench', 300));
    console.log(['', '| failover | added p50 ms |', '|---|---|', `| primary refuses connections (retried 2x with backoff, then fallback) | ${failoverRefused.toFixed(1)} |`, `| primary's circuit open (skipped) | ${failoverOpen.toFixed(2)} |`].join('\n'));
  } finally {
    await admin.end();
    for (const s of started) {
      await s.server.stop();
      await dropDatabase(s.dbName).catch(() => {});
    }
    upstream.stop();
  }
}

await main();
