/**
 * The gateway config file's schema (`zero.config.json`). Defaults live here so
 * a minimal file, or none at all, yields a complete `GatewayConfig`.
 */
import { z } from 'zod';

const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'use letters, digits, ".", "_" or "-"');

/** One provider instance: a plugin plus its settings. Several instances may share a plugin. */
export const providerSchema = z
  .object({
    /** Instance id referenced by models, e.g. `openai-eu`. */
    id,
    /** Plugin id, e.g. `openai`. */
    plugin: id,
    baseUrl: z.string().url().optional(),
    /** Name of the environment variable holding the API key; keys never live in the file. */
    apiKeyEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name').optional(),
    /** Plugin-specific options, validated by the plugin's own schema at start-up. */
    options: z.record(z.unknown()).default({}),
    /**
     * Attempts this instance sends the provider at once; past it the router skips the
     * provider (falling back, or answering OVERLOADED) instead of queueing. Keep the
     * plugin's `options.connections` at least this large. Default 512.
     */
    maxConcurrent: z.number().int().positive().optional(),
  })
  .strict();

/**
 * What a model can do beyond plain text. Each flag is optional: unset, it is
 * derived from the plugins behind the model (true when at least one of its
 * providers' plugins declares the feature). Set a flag to false for a model that
 * lacks what its vendor offers (a text-only model, a chat model without
 * embeddings): the router then refuses that feature for the model before
 * anything goes upstream. Setting true never gives a plugin a feature it lacks.
 */
const capabilityFlags = {
  /** Image parts in user messages. */
  vision: z.boolean().optional(),
  /** Tool definitions, tool choice, tool calls and tool results. */
  tools: z.boolean().optional(),
  /** `json_object` and `json_schema` response formats. */
  json: z.boolean().optional(),
  /** Embeddings (`router.embed`). */
  embeddings: z.boolean().optional(),
};

export const modelCapabilitiesSchema = z
  .object({
    ...capabilityFlags,
    /** Tokens the model reads at most (prompt and answer); shown to clients, not enforced. */
    contextWindow: z.number().int().positive().optional(),
    /** Tokens the model writes at most in one answer; shown to clients, not enforced. */
    maxOutputTokens: z.number().int().positive().optional(),
  })
  .strict();

const targetSchema = z
  .object({
    provider: id,
    model: z.string().min(1),
    /** Turns features off for this target only, e.g. a text-only fallback model behind a vision-capable primary. */
    capabilities: z.object(capabilityFlags).strict().optional(),
  })
  .strict();

/** A gateway model name and the provider models behind it, tried in order. */
export const modelSchema = z
  .object({
    name: z.string().min(1),
    primary: targetSchema,
    fallbacks: z.array(targetSchema).default([]),
    capabilities: modelCapabilitiesSchema.optional(),
  })
  .strict();

export const resilienceSchema = z
  .object({
    /** Retries on the same provider after the first attempt. */
    maxRetries: z.number().int().min(0).max(10).default(2),
    baseBackoffMs: z.number().int().min(0).default(100),
    maxBackoffMs: z.number().int().min(0).default(10_000),
    /** `full`: random in [0, base*2^n]; `decorrelated`: random in [base, 3*previous] (AWS's two schemes). */
    jitter: z.enum(['full', 'decorrelated']).default('full'),
    /**
     * Longest an attempt may go without progress: until its first delta, then
     * between chunks, so a long generation is not cut while a stalled one is.
     */
    attemptTimeoutMs: z.number().int().positive().default(30_000),
    /** Tighter limit for the first delta only (time to first token). */
    firstTokenTimeoutMs: z.number().int().positive().optional(),
    circuit: z
      .object({
        /** Consecutive failures that open a provider's circuit. */
        failureThreshold: z.number().int().positive().default(5),
        /** How long an open circuit skips the provider before one probe is let through. */
        openMs: z.number().int().min(0).default(30_000),
      })
      .strict()
      .default({}),
  })
  .strict()
  .refine((r) => r.maxBackoffMs >= r.baseBackoffMs, { message: 'must be >= baseBackoffMs', path: ['maxBackoffMs'] });

/** Price of one gateway model, per million tokens, in `pricing.currency`. */
export const modelPriceSchema = z
  .object({
    inputPerMillion: z.number().min(0),
    outputPerMillion: z.number().min(0),
  })
  .strict();

/**
 * Prices seed the price table on start for models it does not price yet; after
 * that `setPrice` (GraphQL) is the source of truth, so an edit survives restarts.
 */
export const pricingSchema = z
  .object({
    /** ISO 4217 code every price, cost and budget is in. */
    currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as CNY').default('CNY'),
    /** Gateway model name → price. Models without a price cost 0. */
    models: z.record(modelPriceSchema).default({}),
  })
  .strict();

export const webhookSchema = z
  .object({
    url: z.string().url(),
    /** `json`: a generic JSON POST; `wecom`: a WeCom (企业微信) group-robot markdown message. */
    format: z.enum(['json', 'wecom']).default('json'),
    /** Environment variable holding a secret; JSON posts then carry `x-zero-signature: sha256=<HMAC of the body>`. */
    secretEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name').optional(),
  })
  .strict();

export const alertsSchema = z
  .object({
    /** Where budget alerts are posted, besides Subscription.budgetAlerts. */
    webhooks: z.array(webhookSchema).default([]),
    retry: z
      .object({
        /** Tries per webhook and alert, the first one included. */
        attempts: z.number().int().min(1).max(20).default(5),
        /** Wait before the second try; doubles after each failure. */
        baseBackoffMs: z.number().int().min(0).default(1000),
        /** Give up on a try after this long. */
        timeoutMs: z.number().int().positive().default(10_000),
      })
      .strict()
      .default({}),
  })
  .strict();

export const gatewayConfigSchema = z
  .object({
    providers: z.array(providerSchema).default([]),
    models: z.array(modelSchema).default([]),
    resilience: resilienceSchema.default({}),
    plugins: z
      .object({
        /** Extra folders scanned like `plugins/`: each subfolder with an index file is a plugin. */
        dirs: z.array(z.string()).default([]),
        /** npm package names whose default export is a plugin. */
        packages: z.array(z.string()).default([]),
      })
      .strict()
      .default({}),
    /** IANA time zone that defines "today" for quotas and usage. */
    timezone: z.string().default('UTC'),
    audit: z
      .object({
        /** Store prompt and answer text in audit records (off: only sizes and hashes). */
        storePromptText: z.boolean().default(false),
        /** Days audit records are kept; older ones are expired (whole monthly partitions on PostgreSQL). */
        retentionDays: z.number().int().positive().default(5 * 365),
      })
      .strict()
      .default({}),
    pricing: pricingSchema.default({}),
    alerts: alertsSchema.default({}),
  })
  .strict()
  .superRefine((cfg, ctx) => {
    const providerIds = new Set<string>();
    cfg.providers.forEach((p, i) => {
      if (providerIds.has(p.id)) ctx.addIssue({ code: 'custom', path: ['providers', i, 'id'], message: `duplicate provider id "${p.id}"` });
      providerIds.add(p.id);
    });
    const names = new Set<string>();
    cfg.models.forEach((m, i) => {
      if (names.has(m.name)) ctx.addIssue({ code: 'custom', path: ['models', i, 'name'], message: `duplicate model name "${m.name}"` });
      names.add(m.name);
      const check = (provider: string, path: (string | number)[]) => {
        if (!providerIds.has(provider)) ctx.addIssue({ code: 'custom', path, message: `unknown provider "${provider}"` });
      };
      check(m.primary.provider, ['models', i, 'primary', 'provider']);
      m.fallbacks.forEach((f, j) => check(f.provider, ['models', i, 'fallbacks', j, 'provider']));
    });
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: cfg.timezone });
    } catch {
      ctx.addIssue({ code: 'custom', path: ['timezone'], message: `unknown time zone "${cfg.timezone}"` });
    }
  });

/** The validated gateway config, defaults applied. */
export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;
export type ProviderConfig = z.infer<typeof providerSchema>;
export type ModelConfig = z.infer<typeof modelSchema>;
export type ResilienceConfig = z.infer<typeof resilienceSchema>;
export type PricingConfig = z.infer<typeof pricingSchema>;
export type AlertsConfig = z.infer<typeof alertsSchema>;
export type WebhookConfig = z.infer<typeof webhookSchema>;
