import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface WrkResult {
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  errors: number;
}

const dir = mkdtempSync(join(tmpdir(), 'zero-wrk-'));
let scripts = 0;

/** Runs Debian's `wrk` (its own process) with a POST body and headers; latency percentiles from --latency. */
export function wrk(o: { url: string; body: string; headers: Record<string, string>; connections: number; seconds: number; expect?: string }): Promise<WrkResult> {
  const script = join(dir, `s${scripts++}.lua`);
  const lua = [
    'wrk.method = "POST"',
    `wrk.body = ${JSON.stringify(o.body)}`,
    ...Object.entries(o.headers).map(([k, v]) => `wrk.headers[${JSON.stringify(k)}] = ${JSON.stringify(v)}`),
    // Count non-2xx answers as errors, and with `expect` set, answers without it or with a GraphQL "errors" entry.
    // Each wrk thread has its own Lua state: done() sums the threads' counts.
    'local threads = {}',
    'function setup(thread) table.insert(threads, thread) end',
    'bad = 0',
    `local expect = ${o.expect ? JSON.stringify(o.expect) : 'nil'}`,
    'function response(status, headers, body)',
    '  if status >= 300 or (expect and (body == nil or not string.find(body, expect, 1, true) or string.find(body, \'"errors"\', 1, true))) then bad = bad + 1 end',
    'end',
    'function done() local n = 0; for _, t in ipairs(threads) do n = n + (t:get("bad") or 0) end; io.write(string.format("bad %d\\n", n)) end',
  ].join('\n');
  writeFileSync(script, lua);
  const threads = Math.min(2, o.connections);
  return new Promise((resolve, reject) => {
    execFile('wrk', ['-t', String(threads), '-c', String(o.connections), '-d', `${o.seconds}s`, '--latency', '--timeout', '10s', '-s', script, o.url], (error, stdout) => {
      if (error) return reject(error);
      const num = (re: RegExp) => Number(re.exec(stdout)?.[1] ?? NaN);
      const ms = (re: RegExp) => {
        const m = re.exec(stdout);
        if (!m) return NaN;
        const value = Number(m[1]);
        return m[2] === 'us' ? value / 1000 : m[2] === 's' ? value * 1000 : value;
      };
      const bad = num(/^bad (\d+)$/m) || 0;
      const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(stdout);
      resolve({
        requestsPerSec: num(/Requests\/sec:\s+([\d.]+)/),
        p50Ms: ms(/50%\s+([\d.]+)(us|ms|s)/),
        p99Ms: ms(/99%\s+([\d.]+)(us|ms|s)/),
        requests: num(/(\d+) requests in/),
        errors: bad + (socketErrors ? socketErrors.slice(1).reduce((a, b) => a + Number(b), 0) : 0),
      });
    });
  });
}
