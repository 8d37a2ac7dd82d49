import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { createGateway } from './gateway.ts';
import { createLogger } from './logger.ts';
import { createGatewayHttpServer } from './http-server.ts';
import { ensureConsoleBuilt } from './admin-console/ensure-built.ts';
import { ConfigError, loadConfig } from './config/index.ts';
import { parseEnv } from './config/env.ts';
import { providerKeys } from './providers.ts';
import { createSecretMasker } from './util/secret-mask.ts';
import { listenForMetrics, metricsSetting } from './observability/metrics-server.ts';

let env;
let config;
try {
  env = parseEnv();
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
const { port, host, shutdownGraceMs } = env;

// Our provider keys are masked in every log line, whatever shape they have.
const logger = createLogger({ level: env.logLevel, masker: createSecretMasker(providerKeys(config)), traceIds: Boolean(env.otlpEndpoint) });

// Builds the console when client/ changed since the last build; a no-op otherwise.
await ensureConsoleBuilt({ logger });

const defined = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
const gateway = await createGateway({
  logger,
  config,
  databaseUrl: env.databaseUrl,
  dataDir: resolve(env.dataDir),
  admin: env.admin,
  timezone: env.timezone,
  sessionTtlMs: env.sessionTtlMs,
  trustProxyHops: env.trustProxyHops,
  yoga: defined({
    production: env.production,
    maxBodyBytes: env.maxBodyBytes,
    corsOrigins: env.corsOrigins,
    maxSubscriptionsPerUser: env.maxSubscriptionsPerUser,
    maxSubscriptions: env.maxSubscriptions,
  }),
  // Stable across restarts of this instance, so a restart settles the chats a crash cut at once.
  instanceId: env.instanceId ?? `${hostname()}:${port}`,
  maxConcurrentChats: env.maxConcurrentChats,
  redis: env.redisUrl ? { url: env.redisUrl, prefix: env.redisPrefix } : undefined,
  rateLimitFail: env.rateLimitFail,
  providersFrom: env.providersFrom,
  secrets: { key: env.secretKey, previous: env.secretKeyPrevious, production: env.production },
  metrics: metricsSetting(env),
  tracing: env.otlpEndpoint ? { endpoint: env.otlpEndpoint, sampler: env.tracesSampler } : undefined,
});

const admin = gateway.bootstrap.createdAdmin;
if (admin) {
  // Printed once, on the start that created the admin; it is stored only as an argon2id hash.
  const password = admin.generatedPassword ? `password: ${admin.generatedPassword}` : 'password: from ZERO_ADMIN_PASSWORD';
  process.stdout.write(`\nFirst admin created. email: ${admin.email}  ${password}\n\n`);
}

const http = createGatewayHttpServer(
  gateway,
  defined({ headersTimeoutMs: env.headersTimeoutMs, bodyTimeoutMs: env.bodyTimeoutMs, wsAuthTimeoutMs: env.wsAuthTimeoutMs }),
);
http.server.listen(port, host, () => {
  logger.info({ url: `http://${host}:${port}/graphql` }, 'Zero Gateway listening');
});
const metricsServer = env.metrics.listen && gateway.metrics ? await listenForMetrics(gateway.metrics, env.metrics.listen, logger) : undefined;

let stopping = false;
/**
 * SIGTERM/SIGINT: readiness fails at once and new chats are refused (503 on the
 * REST doors) while running chats finish, for up to ZERO_SHUTDOWN_GRACE_MS;
 * what is still running then is cut and settled for what it delivered. Then
 * connections close, settlements and background jobs finish, and the process
 * exits 0. A second signal cuts the running chats at once.
 */
async function shutdown(signal: string) {
  if (stopping) {
    logger.warn({ signal, running: gateway.app.chats.size }, 'second signal: cutting running chats now');
    gateway.app.chats.cutAll();
    return;
  }
  stopping = true;
  logger.info({ signal, runningChats: gateway.app.chats.size, graceMs: shutdownGraceMs }, 'shutting down: draining chats');
  const forced = setTimeout(() => {
    logger.error('shutdown did not finish in time; exiting');
    process.exit(1);
  }, shutdownGraceMs + 20_000);
  forced.unref();
  const drained = await gateway.drain(shutdownGraceMs);
  logger.info(drained, 'chats drained');
  await http.close();
  metricsServer?.close();
  await gateway.close();
  logger.info({ spooledSettlements: gateway.app.settlements.backlog }, 'stopped');
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
