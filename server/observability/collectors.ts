/**
 * Gauges read when Prometheus scrapes, never on the request path: the
 * settlement queue, background jobs, PostgreSQL pools and circuit states.
 */
import type { Pool } from 'pg';
import type { PeriodicTaskStats } from '../util/periodic-task.ts';
import type { ProviderDescription } from '../router/index.ts';
import type { AuditBacklog } from '../modules/audit/audit.store.ts';
import type { Metrics } from './metrics.ts';

export interface GaugeSources {
  settlements: { readonly queued: number; readonly backlog: number };
  /** Background jobs by name (audit sealer, chat rollup, ...). */
  jobs: Record<string, { stats(): PeriodicTaskStats }>;
  /** The audit backlog, one query; a scrape that cannot read it leaves the gauges at their last value. */
  auditBacklog(): Promise<AuditBacklog>;
  pools: Record<string, Pool>;
  providers(): ProviderDescription[];
}

const CIRCUIT_STATES = ['closed', 'open', 'half_open'] as const;

export function registerCollectors(metrics: Metrics, sources: GaugeSources): void {
  metrics.gauge('zero_settlement_queue_depth', 'Chat settlements waiting for the next group commit', [], (g) => g.set(sources.settlements.queued));
  metrics.gauge('zero_settlement_spool_backlog', 'Settlements spooled locally while the database was unreachable, not yet written', [], (g) => g.set(sources.settlements.backlog));
  metrics.gauge('zero_background_job_lag_seconds', 'How late the latest pass of each background job started after it was due', ['job'], (g) => {
    for (const [job, task] of Object.entries(sources.jobs)) g.set({ job }, task.stats().lagMs / 1000);
  });
  metrics.gauge('zero_background_job_last_success_age_seconds', 'Seconds since each background job last finished a pass without error', ['job'], (g) => {
    for (const [job, task] of Object.entries(sources.jobs)) {
      const at = task.stats().lastSuccessAt;
      if (at !== null) g.set({ job }, Math.max(0, (Date.now() - at) / 1000));
    }
  });
  // Both backlog gauges come from one query per scrape: the first collector starts it, the second reuses it.
  let reading: Promise<AuditBacklog | null> | null = null;
  const backlog = () => {
    reading ??= sources.auditBacklog().catch(() => null).finally(() => setImmediate(() => (reading = null)));
    return reading;
  };
  metrics.gauge('zero_audit_unsealed_records', 'Committed audit records not yet sealed into the hash chain', [], async (g) => {
    const b = await backlog();
    if (b) g.set(b.unsealed);
  });
  metrics.gauge('zero_rollup_lag_records', 'Sealed audit records the executive rollup has not folded in yet (its watermark behind the chain head)', [], async (g) => {
    const b = await backlog();
    if (b) g.set(b.unrolled);
  });
  metrics.gauge('zero_pg_pool_connections', 'PostgreSQL connections of the hot-path pools by state (total, idle, waiting = callers queued for one)', ['pool', 'state'], (g) => {
    for (const [pool, p] of Object.entries(sources.pools)) {
      g.set({ pool, state: 'total' }, p.totalCount);
      g.set({ pool, state: 'idle' }, p.idleCount);
      g.set({ pool, state: 'waiting' }, p.waitingCount);
    }
  });
  metrics.gauge('zero_provider_circuit_state', "Each provider's circuit breaker: 1 for its current state, 0 for the others", ['provider', 'state'], (g) => {
    for (const p of sources.providers()) {
      for (const state of CIRCUIT_STATES) g.set({ provider: p.id, state }, p.circuit === state ? 1 : 0);
    }
  });
}
