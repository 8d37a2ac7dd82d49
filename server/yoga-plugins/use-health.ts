import type { Plugin } from 'graphql-yoga';
import type { MikroORM } from '@mikro-orm/postgresql';
import { migrationsApplied } from '../db/orm.ts';

/** What readiness reports beyond the database. */
export interface ReadinessState {
  /** True once shutdown began: the load balancer should send no more traffic. */
  draining: boolean;
  /** Settlements waiting in the local spool for the database. */
  spooledSettlements: number;
}

/**
 * `/healthz`: 200 while the process serves. `/readyz`: 200 when the database
 * answers, every migration is applied and the instance is not shutting down,
 * else 503 with the reason; both report the settlement spool's backlog while there is one.
 */
export function useHealthAndReadiness(orm: MikroORM, state: () => ReadinessState = () => ({ draining: false, spooledSettlements: 0 })): Plugin {
  let migrated = false;
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (request.method !== 'GET' || (url.pathname !== '/readyz' && url.pathname !== '/healthz')) return;
      const json = (status: number, body: object) =>
        endResponse(new fetchAPI.Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
      const { draining, spooledSettlements } = state();
      // The spool's backlog is reported while there is one.
      const backlog = spooledSettlements > 0 ? { spooledSettlements } : {};
      if (url.pathname === '/healthz') return json(200, { status: 'ok', ...backlog });
      if (draining) return json(503, { status: 'unavailable', reason: 'shutting down', ...backlog });
      try {
        await orm.em.fork().execute('select 1');
        migrated ||= await migrationsApplied(orm);
        if (!migrated) return json(503, { status: 'unavailable', reason: 'migrations pending', ...backlog });
        return json(200, { status: 'ok', ...backlog });
      } catch (error) {
        return json(503, { status: 'unavailable', reason: `database unreachable: ${(error as Error).message}`, ...backlog });
      }
    },
  };
}
