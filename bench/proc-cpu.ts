import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type pg from 'pg';

const TICK_MICROS = 1e6 / Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());

/** User plus system CPU a process has used so far, in µs (from /proc/<pid>/stat); undefined once it is gone. */
export function cpuMicros(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MICROS;
  } catch {
    return undefined;
  }
}

/**
 * CPU of a set of processes over a stretch of time: the gateway, and the
 * PostgreSQL backends serving its database (their pids from pg_stat_activity,
 * read again at the end so backends the pool opened meanwhile count whole).
 * Shared PostgreSQL processes (WAL writer, checkpointer) are not counted.
 */
export async function cpuMeter(o: { gatewayPid: number; admin: pg.Client; database: string }) {
  const backends = async () => (await o.admin.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [o.database])).rows.map((r) => r.pid);
  const snapshot = async () => {
    const pg = new Map<number, number>();
    for (const pid of await backends()) pg.set(pid, cpuMicros(pid) ?? 0);
    return { gateway: cpuMicros(o.gatewayPid) ?? 0, pg };
  };
  const before = await snapshot();
  return {
    /** µs of CPU since the meter started: the gateway process, and the database's backends. */
    async read(): Promise<{ gateway: number; postgres: number }> {
      const after = await snapshot();
      let postgres = 0;
      for (const [pid, micros] of after.pg) postgres += micros - (before.pg.get(pid) ?? 0);
      return { gateway: after.gateway - before.gateway, postgres };
    },
  };
}
