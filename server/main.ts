import { resolve } from 'node:path';
import { createGateway } from './gateway.ts';
import { createLogger } from './logger.ts';
import { createGatewayHttpServer } from './http-server.ts';
import { ensureConsoleBuilt } from './admin-console/ensure-built.ts';
import { ConfigError, loadConfig } from './config/index.ts';

const logger = createLogger();
const port = Number(process.env.PORT ?? 4430);
const host = process.env.HOST ?? '127.0.0.1';

let config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
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
  yoga: process.env.ZERO_MAX_BODY_BYTES ? { maxBodyBytes: Number(process.env.ZERO_MAX_BODY_BYTES) } : undefined,
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
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  const forced = setTimeout(() => process.exit(1), 10_000);
  forced.unref();
  await http.close();
  await gateway.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
