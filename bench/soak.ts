/**
 * Does the gateway's memory stay flat under sustained load? One gateway (as in
 * bench/gateway-overhead.ts: production mode, everything on, a member with a
 * daily quota, a fake OpenAI-compatible upstream in its own process) is warmed
 * up for BENCH_WARMUP_SECONDS (default 60), then driven for
 * BENCH_SOAK_SECONDS (default 600) at BENCH_CONNECTIONS (default 50),
 * split evenly over a mix of doors run side by side, each with its own load
 * generator (wrk, or bench/ws-load.ts for WebSocket): Mutation.chat,
 * POST /api/v1/chat, the OpenAI-compatible streamed POST /v1/chat/completions
 * and Subscription.chat over graphql-ws. The run goes in slices of 10 s; after
 * each, the gateway process's resident memory (VmRSS, /proc/<pid>/status) is
 * sampled, and each door's requests/s in that slice kept.
 *
 *   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres node --import tsx bench/soak.ts
 *
 * It prints a line a minute (RSS at the minute's last sample, requests/s per
 * door over the minute, errors), then RSS at the end of warm-up, the min, max
 * and last sample, and the growth of the last minute's median RSS over the
 * first minute's. Target (issue "Speed"): RSS stays flat within 10% over a
 * 10-minute run at 50 connections: PASS or FAIL on that growth.
 */
import { readFileSync } from 'node:fs';
import { DOORS, load, median, startBenchGateway } from './bench-gateway.ts';

const SOAK_SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 600);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 60);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SLICE_SECONDS = 10;
const SLICES_PER_MINUTE = 60 / SLICE_SECONDS;
const LIMIT_PERCENT = 10;
const MIX = ['Mutation.chat (HTTP)', 'POST /api/v1/chat (REST)', 'POST /v1/chat/completions (OpenAI, stream)', 'Subscription.chat (WebSocket)'];

/** Resident memory of a process in MiB (VmRSS in /proc/<pid>/status). */
function rssMiB(pid: number): number {
  const kb = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  if (!kb) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb) / 1024;
}

interface Slice {
  rss: number;
  requestsPerSec: number[];
  errors: number;
}

async function main() {
  const bench = await startBenchGateway('soak');
  try {
    const doors = MIX.map((name) => DOORS.find((d) => d.name === name)!);
    const sends = doors.map((d) => d.send(bench.server.url, bench.key));
    // The connections split evenly over the doors, the first ones taking the remainder.
    const share = (i: number) => Math.floor(CONNECTIONS / doors.length) + (i < CONNECTIONS % doors.length ? 1 : 0);
    const drive = (seconds: number) => Promise.all(sends.map((send, i) => load(send, share(i), seconds)));

    const started = rssMiB(bench.server.pid);
    const warm = await drive(WARMUP_SECONDS);
    const warmErrors = warm.reduce((n, r) => n + r.errors, 0);
    const afterWarmup = rssMiB(bench.server.pid);
    console.log(
      `RSS ${started.toFixed(1)} MiB once started, ${afterWarmup.toFixed(1)} MiB after ${WARMUP_SECONDS} s of warm-up (${warmErrors} errors); then ${SOAK_SECONDS} s at ${CONNECTIONS} connections: ${doors.map((d, i) => `${d.name} ${share(i)}`).join(', ')}.\n`,
    );
    const header = ['| minute | RSS MiB | ', ...doors.map((d) => `${d.name} req/s | `), 'errors |'].join('');
    console.log(`${header}\n${header.replace(/[^|]+/g, '---')}`);

    const slices: Slice[] = [];
    const minutes = Math.max(1, Math.round(SOAK_SECONDS / 60));
    for (let s = 0; s < Math.max(1, Math.round(SOAK_SECONDS / SLICE_SECONDS)); s++) {
      const results = await drive(SLICE_SECONDS);
      slices.push({ rss: rssMiB(bench.server.pid), requestsPerSec: results.map((r) => r.requestsPerSec), errors: results.reduce((n, r) => n + r.errors, 0) });
      if (slices.length % SLICES_PER_MINUTE === 0 || slices.length * SLICE_SECONDS >= SOAK_SECONDS) {
        const minute = slices.slice(-(((slices.length - 1) % SLICES_PER_MINUTE) + 1));
        const rps = doors.map((_, i) => minute.reduce((n, x) => n + x.requestsPerSec[i], 0) / minute.length);
        console.log(`| ${Math.ceil(slices.length / SLICES_PER_MINUTE)} | ${slices.at(-1)!.rss.toFixed(1)} | ${rps.map((r) => `${r.toFixed(0)} | `).join('')}${minute.reduce((n, x) => n + x.errors, 0)} |`);
      }
    }

    const rss = slices.map((s) => s.rss);
    const first = median(rss.slice(0, SLICES_PER_MINUTE));
    const last = median(rss.slice(-SLICES_PER_MINUTE));
    const growth = ((last - first) / first) * 100;
    console.log(
      [
        '',
        `RSS samples every ${SLICE_SECONDS} s over ${minutes} minute(s), MiB:`,
        '',
        '| end of warm-up | min | max | last | first minute median | last minute median | growth | target |',
        '|---|---|---|---|---|---|---|---|',
        `| ${afterWarmup.toFixed(1)} | ${Math.min(...rss).toFixed(1)} | ${Math.max(...rss).toFixed(1)} | ${rss.at(-1)!.toFixed(1)} | ${first.toFixed(1)} | ${last.toFixed(1)} | ${growth >= 0 ? '+' : ''}${growth.toFixed(1)}% | ${Math.abs(growth) <= LIMIT_PERCENT ? 'PASS' : 'FAIL'} (within ${LIMIT_PERCENT}%) |`,
      ].join('\n'),
    );
  } finally {
    await bench.stop();
  }
}

await main();
