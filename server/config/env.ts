/**
 * The environment variables the gateway process reads, parsed once at start-up.
 * A value that is set but unusable stops the start with a message naming the
 * variable: a typo in `ZERO_MAX_BODY_BYTES` must not silently switch a limit off.
 */
import { parseTrustProxy } from '../modules/auth/source-address.ts';
import { ConfigError } from './load-config.ts';
import { parseSecretKey } from '../modules/providers/secret-box.ts';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export interface ServerEnv {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  admin: { email?: string; password?: string };
  timezone?: string;
  sessionTtlMs?: number;
  logLevel: (typeof LOG_LEVELS)[number];
  production: boolean;
  maxBodyBytes?: number;
  /** Browser origins allowed to call the API cross-origin; empty means same-origin only. */
  corsOrigins: string[];
  maxSubscriptionsPerUser?: number;
  maxSubscriptions?: number;
  headersTimeoutMs?: number;
  bodyTimeoutMs?: number;
  wsAuthTimeoutMs?: number;
  /** This instance's name in the chat ledger; `<host>:<port>` when unset. */
  instanceId?: string;
  /** How long SIGTERM lets running chats finish. */
  shutdownGraceMs: number;
  maxConcurrentChats: number;
  /** Proxies in front of the gateway whose x-forwarded-for is believed (0: none). */
  trustProxyHops: number;
  /** Redis for what several instances share (REDIS_URL); unset: PostgreSQL, or in process on the embedded database. */
  redisUrl?: string;
  /** Put before every Redis key and channel (ZERO_REDIS_PREFIX). */
  redisPrefix?: string;
  /** While rate-limit counters cannot be reached: admit (`open`) or refuse chats under a limit (`closed`). */
  rateLimitFail: 'open' | 'closed';
  /** ZERO_SECRET_KEY: seals provider API keys stored in the database (AES-256-GCM). */
  secretKey?: Buffer;
  /** ZERO_SECRET_KEY_PREVIOUS: the key before a rotation; values it sealed are re-sealed with ZERO_SECRET_KEY at start. */
  secretKeyPrevious?: Buffer;
  /** ZERO_PROVIDERS_FROM: `database` (the config file seeds it; managed in the console) or `config` (the file rules, read-only in the console). */
  providersFrom: 'database' | 'config';
  /**
   * `GET /metrics`: a bearer token (ZERO_METRICS_TOKEN) and/or a separate listen
   * address (ZERO_METRICS_ADDR, host:port). In production one of them is required,
   * else metrics are off and /metrics is refused.
   */
  metrics: { token?: string; listen?: { host: string; port: number } };
  /** Base URL of an OTLP HTTP collector (OTEL_EXPORTER_OTLP_ENDPOINT); spans go to `<it>/v1/traces`. Tracing is off without it. */
  otlpEndpoint?: string;
  /** Which traces are kept (OTEL_TRACES_SAMPLER, OTEL_TRACES_SAMPLER_ARG), as OpenTelemetry names them; every one by default. */
  tracesSampler: TracesSampler;
}

/** OpenTelemetry's standard sampler names (OTEL_TRACES_SAMPLER). */
export const TRACES_SAMPLERS = ['always_on', 'always_off', 'traceidratio', 'parentbased_always_on', 'parentbased_always_off', 'parentbased_traceidratio'] as const;
export interface TracesSampler {
  name: (typeof TRACES_SAMPLERS)[number];
  /** The share of new traces kept by the ratio samplers, 0 to 1. */
  ratio: number;
}

/** Parses the process environment; throws a ConfigError naming every bad variable. */
export function parseEnv(env: NodeJS.ProcessEnv = process.env): ServerEnv {
  const issues: { path: string; message: string }[] = [];
  const set = (name: string) => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };
  const number = (name: string, opts: { integer: boolean; max?: number }): number | undefined => {
    const raw = set(name);
    if (raw === undefined) return undefined;
    const value = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : NaN;
    const whole = !opts.integer || Number.isSafeInteger(value);
    if (!Number.isFinite(value) || value <= 0 || !whole || (opts.max !== undefined && value > opts.max)) {
      const kind = opts.integer ? 'a whole number' : 'a number';
      issues.push({ path: name, message: `must be ${kind} greater than 0${opts.max ? ` and at most ${opts.max}` : ''}, got "${raw}"` });
      return undefined;
    }
    return value;
  };
  const seconds = (name: string) => {
    const value = number(name, { integer: false, max: 86_400 });
    return value === undefined ? undefined : Math.round(value * 1000);
  };

  const logLevel = set('LOG_LEVEL') ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) issues.push({ path: 'LOG_LEVEL', message: `must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"` });
  const ttlHours = number('ZERO_SESSION_TTL_HOURS', { integer: false, max: 24 * 366 });
  let trustProxyHops = 0;
  try {
    trustProxyHops = parseTrustProxy(set('ZERO_TRUST_PROXY'));
  } catch (error) {
    issues.push({ path: 'ZERO_TRUST_PROXY', message: (error as Error).message.replace(/^ZERO_TRUST_PROXY /, '') });
  }

  const redisUrl = set('REDIS_URL');
  if (redisUrl && !/^rediss?:\/\/[^\s]+$/.test(redisUrl)) issues.push({ path: 'REDIS_URL', message: 'must be a redis:// or rediss:// URL' });
  const rateLimitFail = set('ZERO_RATE_LIMIT_FAIL') ?? 'open';
  if (rateLimitFail !== 'open' && rateLimitFail !== 'closed') issues.push({ path: 'ZERO_RATE_LIMIT_FAIL', message: `must be open or closed, got "${rateLimitFail}"` });

  const secret = (name: string) => {
    const raw = set(name);
    if (raw === undefined) return undefined;
    const key = parseSecretKey(raw);
    if (!key) issues.push({ path: name, message: 'must be 32 random bytes as base64 (openssl rand -base64 32) or 64 hex digits' });
    return key;
  };
  const secretKey = secret('ZERO_SECRET_KEY');
  const secretKeyPrevious = secret('ZERO_SECRET_KEY_PREVIOUS');
  if (secretKeyPrevious && !secretKey) issues.push({ path: 'ZERO_SECRET_KEY_PREVIOUS', message: 'needs ZERO_SECRET_KEY (the new key) beside it' });
  const providersFrom = set('ZERO_PROVIDERS_FROM') ?? 'database';
  if (providersFrom !== 'database' && providersFrom !== 'config') issues.push({ path: 'ZERO_PROVIDERS_FROM', message: `must be database or config, got "${providersFrom}"` });
  const metricsToken = set('ZERO_METRICS_TOKEN');
  if (metricsToken && metricsToken.length < 16) issues.push({ path: 'ZERO_METRICS_TOKEN', message: 'must be at least 16 characters' });
  const metricsAddr = set('ZERO_METRICS_ADDR');
  const listen = metricsAddr ? parseHostPort(metricsAddr) : undefined;
  if (metricsAddr && !listen) issues.push({ path: 'ZERO_METRICS_ADDR', message: `must be host:port (e.g. 127.0.0.1:9464), got "${metricsAddr}"` });
  const otlpEndpoint = set('OTEL_EXPORTER_OTLP_ENDPOINT');
  if (otlpEndpoint && !/^https?:\/\/[^\s]+$/.test(otlpEndpoint)) issues.push({ path: 'OTEL_EXPORTER_OTLP_ENDPOINT', message: 'must be an http:// or https:// URL' });
  const samplerName = set('OTEL_TRACES_SAMPLER')?.toLowerCase() ?? 'parentbased_always_on';
  if (!(TRACES_SAMPLERS as readonly string[]).includes(samplerName)) issues.push({ path: 'OTEL_TRACES_SAMPLER', message: `must be one of ${TRACES_SAMPLERS.join(', ')}, got "${samplerName}"` });
  const samplerArg = set('OTEL_TRACES_SAMPLER_ARG');
  const ratio = samplerArg === undefined ? 1 : /^(0(\.\d+)?|1(\.0+)?|\.\d+)$/.test(samplerArg) ? Number(samplerArg) : NaN;
  if (Number.isNaN(ratio)) issues.push({ path: 'OTEL_TRACES_SAMPLER_ARG', message: `must be a share of traces from 0 to 1 (e.g. 0.1), got "${samplerArg}"` });

  const result: ServerEnv = {
    port: number('PORT', { integer: true, max: 65_535 }) ?? 4430,
    host: set('HOST') ?? '127.0.0.1',
    databaseUrl: set('DATABASE_URL'),
    dataDir: set('ZERO_DATA_DIR') ?? '.zero',
    admin: { email: set('ZERO_ADMIN_EMAIL'), password: env.ZERO_ADMIN_PASSWORD || undefined },
    timezone: set('ZERO_TIMEZONE'),
    sessionTtlMs: ttlHours === undefined ? undefined : Math.round(ttlHours * 3600_000),
    logLevel: logLevel as ServerEnv['logLevel'],
    production: env.NODE_ENV === 'production',
    maxBodyBytes: number('ZERO_MAX_BODY_BYTES', { integer: true }),
    corsOrigins: parseOrigins(set('ZERO_CORS_ORIGINS'), issues),
    maxSubscriptionsPerUser: number('ZERO_MAX_SUBSCRIPTIONS_PER_USER', { integer: true }),
    maxSubscriptions: number('ZERO_MAX_SUBSCRIPTIONS', { integer: true }),
    headersTimeoutMs: seconds('ZERO_HEADERS_TIMEOUT_SECONDS'),
    bodyTimeoutMs: seconds('ZERO_BODY_TIMEOUT_SECONDS'),
    wsAuthTimeoutMs: seconds('ZERO_WS_AUTH_TIMEOUT_SECONDS'),
    instanceId: set('ZERO_INSTANCE_ID'),
    shutdownGraceMs: number('ZERO_SHUTDOWN_GRACE_MS', { integer: true }) ?? 30_000,
    maxConcurrentChats: number('ZERO_MAX_CONCURRENT_CHATS', { integer: true }) ?? 1024,
    trustProxyHops,
    redisUrl,
    redisPrefix: set('ZERO_REDIS_PREFIX'),
    rateLimitFail: rateLimitFail as ServerEnv['rateLimitFail'],
    secretKey,
    secretKeyPrevious,
    providersFrom: providersFrom as ServerEnv['providersFrom'],
    metrics: { token: metricsToken, listen },
    otlpEndpoint,
    tracesSampler: { name: samplerName as TracesSampler['name'], ratio },
  };
  if (issues.length) throw new ConfigError('(environment variables)', issues);
  return result;
}

/** `127.0.0.1:9464` or `[::1]:9464` → host and port; undefined when it is not that shape. */
function parseHostPort(raw: string): { host: string; port: number } | undefined {
  const match = /^(\[[0-9a-fA-F:]+\]|[\w.-]+):(\d{1,5})$/.exec(raw);
  const port = match ? Number(match[2]) : NaN;
  if (!match || port < 1 || port > 65_535) return undefined;
  return { host: match[1].replace(/^\[|\]$/g, ''), port };
}

/** `https://console.example.cn, http://localhost:5173` → exact origins; `*` and `null` are refused. */
function parseOrigins(raw: string | undefined, issues: { path: string; message: string }[]): string[] {
  if (!raw) return [];
  const origins: string[] = [];
  for (const item of raw.split(',').map((s) => s.trim()).filter(Boolean)) {
    let origin: string | undefined;
    try {
      const url = new URL(item);
      if ((url.protocol === 'http:' || url.protocol === 'https:') && url.origin === item.replace(/\/$/, '')) origin = url.origin;
    } catch {}
    if (!origin) {
      issues.push({ path: 'ZERO_CORS_ORIGINS', message: `"${item}" is not an origin like https://console.example.cn (no path, no "*", no "null")` });
    } else {
      origins.push(origin);
    }
  }
  return origins;
}
