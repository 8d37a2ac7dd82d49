import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { createGateway } from './gateway.ts';
import { createLogger } from './logger.ts';
import { createGatewayHttpServer } from './http-server.ts';
import { ensureConsoleBuilt } from './admin-console/ensure-built.ts';
import { ConfigError, loadConfig } from './config/index.ts';
import { parseTrustProxy } from './modules/auth/source-address.ts';

const logger = createLogger();
const port = Number(process.env.PORT ?? 4430);
const host = process.env.HOST ?? '127.0.0.1';
const shutdownGraceMs = positiveInteger('ZERO_SHUTDOWN_GRACE_MS', 30_000);
const maxConcurrentChats = positiveInteger('ZERO_MAX_CONCURRENT_CHATS', 1024);

function positiveInteger(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value <= 0) {
    process.stderr.write(`${name} must be a whole number above 0 (got "${raw}")\n`);
    process.exit(1);
  }
  return value;
}

let config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}

let trustProxyHops: number;
try {
  trustProxyHops = parseTrustProxy(process.env.ZERO_TRUST_PROXY);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}

// Builds the console when client/ changed since the last build; a no-op otherwise.
await ensureConsoleBuilt({ logger });

const gateway = await createGateway({
  logger,
  config,
  databaseUrl: process.env.DATABASE_URL || undefined,
  dataDir: resolve(process.env.ZERO_DATA_DIR ?? '.zero'),
  admin: { email: process.env.ZERO_ADMIN_EMAIL, password: process.env.ZERO_ADMIN_PASSWORD },
  timezone: process.env.ZERO_TIMEZONE || undefined,
  sessionTtlMs: process.env.ZERO_SESSION_TTL_HOURS ? Number(process.env.ZERO_SESSION_TTL_HOURS) * 3600_000 : undefined,
  trustProxyHops,
  yoga: process.env.ZERO_MAX_BODY_BYTES ? { maxBodyBytes: Number(process.env.ZERO_MAX_BODY_BYTES) } : undefined,
  // Stable across restarts of this instance, so a restart settles the chats a crash cut at once.
  instanceId: process.env.ZERO_INSTANCE_ID || `${hostname()}:${port}`,
  maxConcurrentChats,
});

const admin = gateway.bootstrap.createdAdmin;
if (admin) {
  // Printed once, on the start that created the admin; it is stored only as an argon2id hash.
  const password = admin.generatedPassword ? `password: ${admin.generatedPassword}` : 'password: from ZERO_ADMIN_PASSWORD';
  process.stdout.write(`\nFirst admin created. email: ${admin.email}  ${password}\n\n`);
}

const http = createGatewayHttpServer(gateway);
http.server.listen(port, host, () => {
  logger.info({ url: `http://${host}:${port}/graphql` }, 'Zero Gateway listening');
});

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
  await gateway.close();
  logger.info({ spooledSettlements: gateway.app.settlements.backlog }, 'stopped');
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
