import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { trackInBackground, type AppState } from './app-state.ts';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './db/embedded.ts';
import { initOrm, migrateUp } from './db/orm.ts';
import { createSqlPools, type SqlPools } from './db/sql-pools.ts';
import { SettlementQueue } from './modules/metering/settlement-queue.ts';
import { AdmissionQueue } from './modules/metering/admission-queue.ts';
import { createUsageEvents } from './modules/usage/usage-events.ts';
import { AuditSealer } from './modules/audit/audit-sealer.ts';
import { AuditRetention } from './modules/audit/audit-retention.ts';
import { DlpPolicyCache } from './modules/dlp/policy-cache.ts';
import { ChatRollup } from './modules/executive/chat-rollup.ts';
import { createBudgetRuntime, seedPrices } from './modules/budgets/index.ts';
import { LoginThrottle } from './modules/auth/login-throttle.ts';
import { bootstrap, type BootstrapResult } from './modules/auth/auth.service.ts';
import { CredentialCache } from './modules/auth/credential-cache.ts';
import { CredentialChanges } from './modules/auth/credential-changes.ts';
import { createLocalBus, createPostgresBus, createRedisBus, type ClusterBus } from './cluster/bus.ts';
import { connectRedis, type RedisConnections } from './cluster/redis.ts';
import { createRateLimiter, type RateLimitFailMode } from './modules/rate-limits/index.ts';
import { assertTimeZone } from './util/days.ts';
import { defaultConfig, type GatewayConfig } from './config/index.ts';
import { followCatalogChanges, startProviderCatalog, type ProviderRegistry } from './modules/providers/index.ts';
import type { SecretKeySettings } from './modules/providers/secret-key.ts';
import { createChatService, type ChatDeps } from './modules/chat/chat.service.ts';
import { createEmbeddingService } from './modules/chat/embed-texts.ts';
import { createRefusalRecorder } from './modules/request-log/refusals.ts';
import { screenPrompt } from './modules/dlp/dlp.service.ts';
import { keepStoresEnabled, releaseStoresWhenIdle } from './db/async-context-hooks.ts';
import { ChatsInFlight } from './modules/chat/chats-in-flight.ts';
import { ChatLedger } from './modules/metering/chat-ledger.ts';
import { SettlementSpool } from './modules/metering/settlement-spool.ts';
import { createGatewayYoga, DEFAULT_YOGA_OPTIONS, type GatewayYoga, type YogaOptions } from './yoga.ts';
import { createMetrics, type Metrics } from './observability/metrics.ts';
import { registerCollectors } from './observability/collectors.ts';
import { metricsResponder } from './observability/metrics-endpoint.ts';
import { createChatObserver } from './observability/chat-watch.ts';
import { UserGroups } from './observability/user-groups.ts';
import { startTracing, type Tracing, type TracingOptions } from './observability/tracing.ts';
import { auditBacklog } from './modules/audit/audit.store.ts';
import { roleNames } from './modules/roles/roles.store.ts';

export interface GatewayOptions {
  /** PostgreSQL URL; without one the embedded database is started. */
  databaseUrl?: string;
  /** Folder of the embedded database's data; undefined keeps it in memory (tests). */
  dataDir?: string;
  poolMax?: number;
  admin?: { email?: string; password?: string };
  timezone?: string;
  sessionTtlMs?: number;
  yoga?: Partial<YogaOptions>;
  logger: Logger;
  /** The validated gateway config (providers, models, resilience); defaults to the offline mock setup. */
  config?: GatewayConfig;
  /**
   * This instance's id in the chat ledger; stable across restarts of the same
   * instance (main.ts uses host and port), so a restart settles what it left open at once.
   */
  instanceId?: string;
  /** Where settlements wait while the database is unreachable; defaults to `<dataDir>/spool` (a temp folder without a dataDir). */
  spoolDir?: string;
  /** Concurrent chats this instance admits before answering OVERLOADED. */
  maxConcurrentChats?: number;
  /** Intervals of the ledger's checkpoint and recovery loops (tests shorten them). */
  ledger?: { checkpointEveryMs?: number; recoverEveryMs?: number; deadAfterMs?: number };
  /** Reverse proxies in front of the gateway whose `x-forwarded-for` entries are believed (ZERO_TRUST_PROXY); 0 by default. */
  trustProxyHops?: number;
  /**
   * Redis (REDIS_URL) for what the instances share: the cluster bus and rate-limit counters.
   * `prefix` (default `zero:`) goes before every key and channel.
   */
  redis?: { url: string; prefix?: string };
  /** While rate-limit counters cannot be reached: admit (`open`, the default) or refuse chats under a limit (ZERO_RATE_LIMIT_FAIL). */
  rateLimitFail?: RateLimitFailMode;
  /**
   * Where provider instances and models come from. `database`: the config file
   * seeds what the database lacks, then GraphQL and the console manage them
   * (main.ts's default, ZERO_PROVIDERS_FROM). `config` (the default here, for
   * tests and embedders that hand over a config): the file rules and the catalog is read-only.
   */
  providersFrom?: 'database' | 'config';
  /** ZERO_SECRET_KEY (and the previous key during a rotation); see server/modules/providers/secret-key.ts. */
  secrets?: Omit<SecretKeySettings, 'dataDir'>;
  /** How often each instance checks the provider catalog for changes it was not told about (default 30 s). */
  providerPollMs?: number;
  /**
   * Prometheus metrics (on unless `false`). `token` guards `GET /metrics`;
   * `separateAddress` keeps it off the main port (main.ts serves `gateway.metrics` there).
   */
  metrics?: false | { token?: string; separateAddress?: boolean };
  /** OpenTelemetry traces to this OTLP HTTP base URL; without it no tracing code is loaded. */
  tracing?: Pick<TracingOptions, 'endpoint' | 'serviceName' | 'sampler'>;
}

export interface Gateway {
  app: AppState;
  yoga: GatewayYoga;
  orm: MikroORM;
  bootstrap: BootstrapResult;
  /** Set when running on the embedded database. */
  embedded?: EmbeddedDatabase;
  /** Answers `GET /metrics` (for a separate metrics listener); absent when metrics are off. */
  metrics?: { serve(request: Request): Promise<Response> };
  /** Set when tracing is on; the HTTP server runs each request through `tracing.wrap`. */
  tracing?: Tracing;
  /**
   * Graceful stop, first half: refuses new chats (readiness fails), lets running
   * chats finish for up to `graceMs`, then cuts what is left; every chat is settled.
   */
  drain(graceMs: number): Promise<{ finished: number; cut: number }>;
  close(): Promise<void>;
}

/** Connects the database, applies migrations, creates built-in roles and the first admin, builds the GraphQL handler. */
export async function createGateway(options: GatewayOptions): Promise<Gateway> {
  const { logger } = options;
  // Promise hooks off while no async store is in use; tracing keeps its stores (server/db/async-context-hooks.ts).
  if (options.tracing) keepStoresEnabled();
  else releaseStoresWhenIdle();
  const config = options.config ?? defaultConfig();
  const timezone = options.timezone ?? config.timezone;
  assertTimeZone(timezone);
  let embedded: EmbeddedDatabase | undefined;
  let clientUrl = options.databaseUrl;
  if (!clientUrl) {
    embedded = await startEmbeddedDatabase(options.dataDir ? join(options.dataDir, 'pgdata') : undefined);
    clientUrl = embedded.url;
    logger.info({ dataDir: options.dataDir ?? '(memory)' }, 'embedded database started');
  }
  let orm: MikroORM | undefined;
  let sql: SqlPools | undefined;
  let redis: RedisConnections | undefined;
  let bus: ClusterBus | undefined;
  let providers: ProviderRegistry | undefined;
  let tracing: Tracing | undefined;
  try {
    // On the embedded server every pool shares its few connections; it queues queries itself.
    orm = await initOrm({ clientUrl, poolMax: embedded ? 1 : options.poolMax, log: (m) => logger.debug(m) });
    sql = createSqlPools(clientUrl, { max: embedded ? 1 : (options.poolMax ?? 10), sharedSession: Boolean(embedded) });
    const applied = await migrateUp(orm);
    if (applied.length) logger.info({ migrations: applied }, 'migrations applied');
    const boot = await bootstrap(orm.em.fork(), options.admin ?? {});
    await seedPrices(sql.durable, config.pricing);
    const catalog = await startProviderCatalog({
      config,
      from: options.providersFrom ?? 'config',
      pool: sql.durable,
      secrets: { ...options.secrets, dataDir: options.dataDir },
      logger,
      pollMs: options.providerPollMs,
    });
    const { secretBox } = catalog;
    providers = catalog.registry;
    if (options.redis) redis = await connectRedis({ url: options.redis.url, prefix: options.redis.prefix ?? 'zero:' }, logger);
    // Instances hear each other through Redis, else through PostgreSQL; the embedded database has one instance.
    bus = redis ? await createRedisBus(redis, logger) : embedded ? createLocalBus() : await createPostgresBus(clientUrl, logger);
    logger.info({ bus: bus.kind }, 'cluster bus');
    const instanceId = options.instanceId ?? randomUUID();
    const registry = providers;
    followCatalogChanges(bus, registry, instanceId);
    const budgets = createBudgetRuntime(sql.durable, config, timezone, logger, bus);
    await budgets.webhooks.start(config.alerts.webhooks);
    const auditSealer = new AuditSealer(sql.durable, logger);
    const chatRollup = new ChatRollup(sql.durable, auditSealer, timezone, logger);
    const spool = new SettlementSpool(options.spoolDir ?? (options.dataDir ? join(options.dataDir, 'spool') : join(tmpdir(), 'zero-gateway-spool', instanceId)), instanceId);
    const metrics: Metrics | undefined = options.metrics === false ? undefined : createMetrics();
    // Budget alerts are evaluated after each committed batch, off the request path.
    const settlements = new SettlementQueue(sql.durable, {
      afterCommit: () => budgets.monitor.schedule(),
      onCommit: metrics && ((seconds, n) => (metrics.settlementCommit.observe(seconds), metrics.settlementBatch.inc(n))),
      spool,
      logger,
    });
    // What an earlier run could not write goes in before anything else is reconciled.
    await settlements.replaySpool();
    const inFlight = new ChatsInFlight(options.maxConcurrentChats ?? 1024);
    const ledger = new ChatLedger({
      pool: sql.durable,
      connectionString: clientUrl,
      instanceId,
      exclusive: Boolean(embedded),
      inFlight: () => inFlight.deliveries(),
      logger,
      ...options.ledger,
    });
    await ledger.start();
    const events = createUsageEvents(bus);
    const rateLimits = await createRateLimiter({ pool: sql.relaxed, bus, redis, embedded: Boolean(embedded), failMode: options.rateLimitFail ?? 'open', logger });
    const credentialCache = new CredentialCache();
    const background = new Set<Promise<unknown>>();
    const refusals = createRefusalRecorder({ settlements, timezone, logger, events });
    if (options.tracing) tracing = await startTracing({ ...options.tracing, instanceId, logger });
    const groups = new UserGroups(() => roleNames(sql!.durable));
    if (metrics) await groups.refresh();
    const knownModel = (name: string) => registry.modelNames.has(name);
    const chatDeps: ChatDeps = {
      instanceId,
      inFlight,
      router: providers.router,
      knownModel,
      // DLP needs the app's policy cache and event writer; the chat core sees only this function.
      // Not a spread: the caller's EntityManager is forked on first use, and only a blocked prompt needs one.
      screen: (caller, prompt, model) =>
        screenPrompt(
          { viewer: caller.viewer, requestId: caller.requestId, app, get em() { return caller.em; } },
          prompt,
          model,
          metrics && ((hits) => hits.forEach((h) => metrics.dlpHits.inc({ detector: h.detector, action: h.action }, h.count))),
        ),
      budgets: budgets.guard,
      rateLimits,
      quota: { pool: sql.relaxed, timezone, admissions: new AdmissionQueue(sql.relaxed) },
      settlements,
      events,
      storePromptText: config.audit.storePromptText,
      logger,
      inBackground: (task) => trackInBackground(background, logger, task),
      refusals,
      observer: createChatObserver({ metrics, tracing, groups, knownModel }),
    };
    const chat = createChatService(chatDeps);
    // Embeddings share the chat core's admission, router, metering and audit.
    const embeddings = createEmbeddingService(chatDeps);
    const app: AppState = {
      orm,
      config,
      sql,
      settlements,
      budgets,
      chat,
      embeddings,
      refusals,
      chats: inFlight,
      events,
      auditSealer,
      chatRollup,
      auditRetention: new AuditRetention(sql.durable, chatRollup, config.audit.retentionDays, logger),
      dlpPolicies: new DlpPolicyCache(sql.durable),
      loginThrottle: new LoginThrottle(sql.durable, options.trustProxyHops ?? 0),
      providers,
      secretBox,
      instanceId,
      logger,
      credentialCache,
      credentials: new CredentialChanges(credentialCache, bus),
      bus,
      redis,
      rateLimits,
      timezone,
      sessionTtlMs: options.sessionTtlMs ?? 12 * 3600_000,
      background,
    };
    app.auditSealer.start();
    app.chatRollup.start();
    app.auditRetention.start();
    budgets.monitor.start();
    if (metrics) {
      registerCollectors(metrics, {
        settlements,
        jobs: { audit_sealer: auditSealer, chat_rollup: chatRollup, audit_retention: app.auditRetention },
        auditBacklog: () => auditBacklog(sql!.durable),
        pools: { durable: sql.durable, relaxed: sql.relaxed },
        providers: () => registry.router.describe().providers,
      });
    }
    const serveMetrics = metrics && options.metrics !== false ? metricsResponder(metrics, options.metrics?.token) : undefined;
    const yoga = createGatewayYoga(app, { ...DEFAULT_YOGA_OPTIONS, ...options.yoga }, { metrics, serve: options.metrics && options.metrics.separateAddress ? undefined : serveMetrics });
    return {
      app,
      yoga,
      orm,
      bootstrap: boot,
      embedded,
      metrics: serveMetrics && { serve: serveMetrics },
      tracing,
      drain: (graceMs) => inFlight.drain(graceMs),
      async close() {
        inFlight.cutAll();
        await inFlight.drain(0);
        await Promise.allSettled([...app.background]);
        await app.settlements.idle();
        app.settlements.stop();
        await ledger.stop();
        await rateLimits.close();
        events.close();
        await bus!.close();
        await spool.close();
        await budgets.monitor.stop();
        await app.auditRetention.stop();
        await app.chatRollup.stop();
        await app.auditSealer.stop();
        await providers!.close();
        await redis?.close();
        await tracing?.shutdown();
        await sql!.close();
        await orm!.close(true);
        await embedded?.stop();
      },
    };
  } catch (error) {
    await tracing?.shutdown().catch(() => {});
    await bus?.close().catch(() => {});
    await providers?.close().catch(() => {});
    await redis?.close().catch(() => {});
    await sql?.close().catch(() => {});
    await orm?.close(true).catch(() => {});
    await embedded?.stop().catch(() => {});
    throw error;
  }
}
