import { createServer, type Server } from 'node:http';
import type { Logger } from 'pino';
import type { ServerEnv } from '../config/env.ts';
import type { GatewayOptions } from '../gateway.ts';

/**
 * Metrics on or off, from the environment: on with a token or a separate
 * address; in development also without either (open on the main port); in
 * production without either they are off and /metrics is refused, so a
 * gateway on the internet never shows its figures to anyone who asks.
 */
export function metricsSetting(env: Pick<ServerEnv, 'metrics' | 'production'>): GatewayOptions['metrics'] {
  const { token, listen } = env.metrics;
  if (env.production && !token && !listen) return false;
  return { token, separateAddress: Boolean(listen) };
}

/** Serves only `GET /metrics` on its own address (ZERO_METRICS_ADDR), e.g. an interface only Prometheus reaches. */
export function listenForMetrics(metrics: { serve(request: Request): Promise<Response> }, at: { host: string; port: number }, logger: Logger): Promise<Server> {
  const server = createServer(async (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' || path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    const headers = new Headers();
    if (req.headers.authorization) headers.set('authorization', req.headers.authorization);
    try {
      const response = await metrics.serve(new Request("http://metrics/metrics", { headers }));
      res.writeHead(response.status, Object.fromEntries(response.headers)).end(await response.text());
    } catch (error) {
      logger.error({ err: error }, 'metrics scrape failed');
      res.writeHead(500).end();
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(at.port, at.host, () => {
      logger.info({ url: `http://${at.host}:${at.port}/metrics` }, 'metrics listening');
      resolve(server);
    });
  });
}
