/**
 * A graphql-ws load generator in its own process (wrk speaks no WebSocket):
 * `connections` sockets, each authenticated once in its connection_init, each
 * running one subscription after another for `seconds`; a subscription's time
 * is from `subscribe` to its `complete`. Prints one JSON line shaped like a WrkResult.
 *
 *   node --import tsx bench/ws-load.ts '{"url":"ws://...","init":{...},"payload":{...},"connections":50,"seconds":5}'
 */
import WebSocket from 'ws';

interface Options {
  url: string;
  init: Record<string, unknown>;
  payload: { query: string; variables?: Record<string, unknown> };
  connections: number;
  seconds: number;
}

const o = JSON.parse(process.argv[2]) as Options;
const latencies: number[] = [];
let errors = 0;
let deadline = 0;

function connection(): Promise<void> {
  return new Promise((resolve) => {
    const ws = new WebSocket(o.url, 'graphql-transport-ws');
    let id = 0;
    let started = 0;
    let failed = false;
    const next = () => {
      if (performance.now() >= deadline) return ws.close(1000);
      failed = false;
      started = performance.now();
      ws.send(JSON.stringify({ id: String(++id), type: 'subscribe', payload: o.payload }));
    };
    ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: o.init })));
    ws.on('message', (data) => {
      const m = JSON.parse(String(data));
      if (m.type === 'connection_ack') next();
      else if (m.type === 'next' && m.payload?.errors) failed = true;
      else if (m.type === 'error') {
        errors++;
        next();
      } else if (m.type === 'complete') {
        if (failed) errors++;
        else latencies.push(performance.now() - started);
        next();
      }
    });
    ws.on('error', () => errors++);
    ws.on('close', () => resolve());
  });
}

deadline = performance.now() + o.seconds * 1000;
const begun = performance.now();
await Promise.all(Array.from({ length: o.connections }, connection));
const elapsed = (performance.now() - begun) / 1000;
latencies.sort((a, b) => a - b);
const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((latencies.length * p) / 100))] ?? NaN;
process.stdout.write(`${JSON.stringify({ requestsPerSec: latencies.length / elapsed, p50Ms: pct(50), p99Ms: pct(99), requests: latencies.length, errors })}\n`);
