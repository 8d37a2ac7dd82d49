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
export function wrk(o: { url: string; body: string; headers: Record<string, string>; connections: number; seconds: number }): Promise<WrkResult> {
  const script = join(dir, `s${scripts++}.lua`);
  const lua = [
    'wrk.method = "POST"',
    `wrk.body = ${JSON.stringify(o.body)}`,
    ...Object.entries(o.headers).map(([k, v]) => `wrk.headers[${JSON.stringify(k)}] = ${JSON.stringify(v)}`),
    // Count non-2xx answers as errors.
    'local bad = 0',
    'response = function(status) if status >= 300 then bad = bad + 1 end end',
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
      const non2xx = num(/Non-2xx or 3xx responses: (\d+)/) || 0;
      const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(stdout);
      resolve({
        requestsPerSec: num(/Requests\/sec:\s+([\d.]+)/),
        p50Ms: ms(/50%\s+([\d.]+)(us|ms|s)/),
        p99Ms: ms(/99%\s+([\d.]+)(us|ms|s)/),
        requests: num(/(\d+) requests in/),
        errors: non2xx + (socketErrors ? socketErrors.slice(1).reduce((a, b) => a + Number(b), 0) : 0),
      });
    });
  });
}
