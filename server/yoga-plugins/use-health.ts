import type { Plugin } from 'graphql-yoga';
import type { MikroORM } from '@mikro-orm/postgresql';
import { migrationsApplied } from '../db/orm.ts';

/**
 * `/healthz`: 200 while the process serves. `/readyz`: 200 when the database
 * answers and every migration is applied, else 503 with the reason.
 */
export function useHealthAndReadiness(orm: MikroORM): Plugin {
  let migrated = false;
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (request.method !== 'GET' || (url.pathname !== '/readyz' && url.pathname !== '/healthz')) return;
      const json = (status: number, body: object) =>
        endResponse(new fetchAPI.Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
      if (url.pathname === '/healthz') return json(200, { status: 'ok' });
      try {
        await orm.em.fork().execute('select 1');
        migrated ||= await migrationsApplied(orm);
        if (!migrated) return json(503, { status: 'unavailable', reason: 'migrations pending' });
        return json(200, { status: 'ok' });
      } catch (error) {
        return json(503, { status: 'unavailable', reason: `database unreachable: ${(error as Error).message}` });
      }
    },
  };
}
