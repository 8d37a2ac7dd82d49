import type { Plugin } from 'graphql-yoga';
import type { MikroORM } from '@mikro-orm/postgresql';
import { migrationsApplied } from '../db/orm.ts';

/** What readiness reports beyond the database. */
export interface ReadinessState {
  /** True once shutdown began: the load balancer should send no more traffic. */
  draining: boolean;
  /** Settlements waiting in the local spool for the database. */
  spooledSettlements: number;
  /**
   * Dependencies the instance serves without (Redis): each is checked and
   * reported; one that fails makes the status `degraded`, still 200.
   */
  optional?: Record<string, () => Promise<{ ok: boolean; error?: string }>>;
}

/**
 * `/healthz`: 200 while the process serves. `/readyz`: 200 when the database
 * answers, every migration is applied and the instance is not shutting down,
 * else 503 with the reason; both report the settlement spool's backlog while there is one.
 * `/readyz` lists each dependency under `dependencies` (`database`, and `redis` when configured).
 */
export function useHealthAndReadiness(orm: MikroORM, state: () => ReadinessState = () => ({ draining: false, spooledSettlements: 0 })): Plugin {
  let migrated = false;
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (request.method !== 'GET' || (url.pathname !== '/readyz' && url.pathname !== '/healthz')) return;
      const json = (status: number, body: object) =>
        endResponse(new fetchAPI.Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
      const { draining, spooledSettlements, optional = {} } = state();
      // The spool's backlog is reported while there is one.
      const backlog = spooledSettlements > 0 ? { spooledSettlements } : {};
      if (url.pathname === '/healthz') return json(200, { status: 'ok', ...backlog });
      if (draining) return json(503, { status: 'unavailable', reason: 'shutting down', ...backlog });
      const checking = Object.entries(optional).map(async ([name, check]) => [name, await check().catch((e: Error) => ({ ok: false, error: e.message }))] as const);
      const database = await orm.em
        .fork()
        .execute('select 1')
        .then(async () => {
          migrated ||= await migrationsApplied(orm);
          return migrated ? { ok: true } : { ok: false, error: 'migrations pending' };
        })
        .catch((error: Error) => ({ ok: false, error: `unreachable: ${error.message}` }));
      const others = Object.fromEntries(await Promise.all(checking));
      const dependencies = { database, ...others };
      if (!database.ok) return json(503, { status: 'unavailable', reason: database.error === 'migrations pending' ? database.error : `database ${database.error}`, dependencies, ...backlog });
      const degraded = Object.values(others).some((d) => !d.ok);
      return json(200, { status: degraded ? 'degraded' : 'ok', dependencies, ...backlog });
    },
  };
}
