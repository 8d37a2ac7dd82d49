/**
 * Provider instances and models as data: validation, the rule that the config
 * file may be the source of truth (then nothing here changes), audit, and the
 * reload of this instance and the others after each change.
 */
import { ProviderError } from '../../../plugins/plugin-api.ts';
import { AppError, badInput, notFound } from '../../errors.ts';
import { modelSchema, type ModelConfig } from '../../config/index.ts';
import { publicReason } from '../../router/public-reason.ts';
import { appendAuditRecord, diff } from '../audit/audit.service.ts';
import type { ServiceContext, SignedInContext } from '../service-context.ts';
import { last4 } from './catalog-sources.ts';
import {
  bumpCatalogVersion,
  deleteModelRow,
  deleteProviderRow,
  insertModel,
  insertProvider,
  lockModel,
  lockProvider,
  lockProvidersShared,
  modelsRoutingTo,
  replaceModel,
  updateProviderRow,
  type ModelRow,
  type ProviderRow,
} from './providers.store.ts';

/** Bus topic: the provider catalog changed; every instance reloads. */
export const PROVIDERS_CHANGED = 'providers.changed';

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const MAX_FALLBACKS = 8;

export interface ProviderInput {
  id: string;
  plugin: string;
  baseUrl?: string | null;
  options?: unknown;
  /** Write-only; sealed before it is stored. */
  apiKey?: string | null;
  maxConcurrent?: number | null;
  enabled?: boolean | null;
}

export interface ProviderPatch {
  plugin?: string | null;
  /** null clears it. */
  baseUrl?: string | null;
  options?: unknown;
  apiKey?: string | null;
  clearApiKey?: boolean | null;
  maxConcurrent?: number | null;
  enabled?: boolean | null;
}

type TargetInput = { provider: string; model: string; capabilities?: Record<string, boolean | null | undefined> | null };
export interface ModelInput {
  name: string;
  capabilities?: Record<string, unknown> | null;
  primary: TargetInput;
  fallbacks?: TargetInput[] | null;
}
export interface ModelPatch {
  capabilities?: Record<string, unknown> | null;
  primary?: TargetInput | null;
  fallbacks?: TargetInput[] | null;
}

export interface ProviderTestResult {
  ok: boolean;
  latencyMs: number;
  /** A generic reason by class, never the upstream's own words. */
  error: string | null;
  models: string[];
}

function assertWritable(ctx: ServiceContext): void {
  if (ctx.app.providers.source === 'config') {
    throw new AppError('READ_ONLY', 'Providers and models come from the config file here (ZERO_PROVIDERS_FROM=config); change them there', { source: 'CONFIG' });
  }
}

/** After a committed change: this instance serves the new catalog before answering, the others within moments. */
async function reloadEverywhere(ctx: ServiceContext): Promise<void> {
  ctx.app.bus.publish(PROVIDERS_CHANGED, { origin: ctx.app.instanceId });
  try {
    await ctx.app.providers.reload();
  } catch (error) {
    // The change is committed; the next poll of the catalog counter rebuilds this instance.
    ctx.app.logger.error({ err: error }, 'provider reload after a change failed');
    throw new AppError('SERVICE_UNAVAILABLE', 'Saved, but this instance could not reload the providers yet; it retries within 30 s');
  }
}

function checkId(id: string): void {
  if (!ID.test(id) || id.length > 64) throw badInput('Use up to 64 letters, digits, ".", "_" or "-", starting with a letter or digit', 'id');
}

function checkBaseUrl(url: string | null | undefined): string | null {
  if (url === null || url === undefined || url.trim() === '') return null;
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw badInput('Base URL must be an http or https URL', 'baseUrl');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw badInput('Base URL must be an http or https URL', 'baseUrl');
  if (parsed.username || parsed.password) throw badInput('Put credentials in the API key, not in the base URL', 'baseUrl');
  return url.trim();
}

function checkOptions(ctx: ServiceContext, plugin: string, options: unknown): Record<string, unknown> {
  const found = ctx.app.providers.plugins.get(plugin);
  if (!found) throw badInput(`No plugin "${plugin}" is loaded`, 'plugin');
  const value = options ?? {};
  if (typeof value !== 'object' || Array.isArray(value)) throw badInput('Options must be a JSON object', 'options');
  const parsed = found.configSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = ['options', ...issue.path].join('.');
    throw new AppError('BAD_USER_INPUT', `${path}: ${issue.message}`, { field: 'options', path });
  }
  // Stored as given (the plugin's defaults apply when the instance is created).
  return value as Record<string, unknown>;
}

function checkMaxConcurrent(n: number | null | undefined): number | null {
  if (n === null || n === undefined) return null;
  if (!Number.isSafeInteger(n) || n < 1 || n > 100_000) throw badInput('Max concurrent must be a whole number from 1 to 100000', 'maxConcurrent');
  return n;
}

function sealKey(ctx: ServiceContext, id: string, apiKey: string): Pick<ProviderRow, 'apiKeyCiphertext' | 'apiKeyKeyId' | 'apiKeyLast4'> {
  const key = apiKey.trim();
  if (!key || key.length > 4096 || /\s/.test(key)) throw badInput('API key must be one word of up to 4096 characters', 'apiKey');
  if (!ctx.app.secretBox) {
    throw new AppError('BAD_USER_INPUT', 'This gateway stores no provider keys until ZERO_SECRET_KEY is set', { field: 'apiKey', reason: 'SECRET_KEY_MISSING' });
  }
  const sealed = ctx.app.secretBox.seal(key, id);
  return { apiKeyCiphertext: sealed.ciphertext, apiKeyKeyId: sealed.keyId, apiKeyLast4: last4(key) };
}

const auditView = (p: ProviderRow) => ({ plugin: p.plugin, baseUrl: p.baseUrl, options: p.options, maxConcurrent: p.maxConcurrent, enabled: p.enabled, apiKeySet: p.apiKeyCiphertext !== null || p.apiKeyEnv !== null });

export async function createProvider(ctx: SignedInContext, input: ProviderInput): Promise<string> {
  assertWritable(ctx);
  const id = input.id.trim();
  checkId(id);
  const row: ProviderRow = {
    id,
    plugin: input.plugin,
    baseUrl: checkBaseUrl(input.baseUrl),
    options: checkOptions(ctx, input.plugin, input.options),
    apiKeyEnv: null,
    apiKeyCiphertext: null,
    apiKeyKeyId: null,
    apiKeyLast4: null,
    maxConcurrent: checkMaxConcurrent(input.maxConcurrent),
    enabled: input.enabled ?? true,
  };
  if (input.apiKey) Object.assign(row, sealKey(ctx, id, input.apiKey));
  await ctx.em.transactional(async (em) => {
    if (!(await insertProvider(em, row))) throw new AppError('CONFLICT', `A provider "${id}" exists already`, { field: 'id' });
    await bumpCatalogVersion(em);
    appendAuditRecord(em, { actorId: ctx.viewer.userId, action: 'provider.create', targetType: 'provider', targetId: id, metadata: auditView(row) });
    await em.flush();
  });
  await reloadEverywhere(ctx);
  return id;
}

export async function updateProvider(ctx: SignedInContext, id: string, patch: ProviderPatch): Promise<string> {
  assertWritable(ctx);
  await ctx.em.transactional(async (em) => {
    const before = await lockProvider(em, id);
    if (!before) throw notFound(`Provider "${id}"`);
    const plugin = patch.plugin ?? before.plugin;
    const after: ProviderRow = {
      ...before,
      plugin,
      baseUrl: patch.baseUrl === undefined ? before.baseUrl : checkBaseUrl(patch.baseUrl),
      options: patch.options === undefined || patch.options === null ? (patch.plugin ? checkOptions(ctx, plugin, before.options) : before.options) : checkOptions(ctx, plugin, patch.options),
      maxConcurrent: patch.maxConcurrent === undefined ? before.maxConcurrent : checkMaxConcurrent(patch.maxConcurrent),
      enabled: patch.enabled ?? before.enabled,
    };
    // Whether a new key was typed (a replaced key shows in no other field); never the key.
    let apiKeyReplaced = false;
    if (patch.apiKey) {
      // A key typed in the console replaces one read from an environment variable.
      Object.assign(after, sealKey(ctx, id, patch.apiKey), { apiKeyEnv: null });
      apiKeyReplaced = true;
    } else if (patch.clearApiKey) {
      Object.assign(after, { apiKeyCiphertext: null, apiKeyKeyId: null, apiKeyLast4: null, apiKeyEnv: null });
    }
    await updateProviderRow(em, after);
    await bumpCatalogVersion(em);
    appendAuditRecord(em, {
      actorId: ctx.viewer.userId,
      action: 'provider.update',
      targetType: 'provider',
      targetId: id,
      metadata: { changes: diff(auditView(before), auditView(after)), apiKeyReplaced },
    });
    await em.flush();
  });
  await reloadEverywhere(ctx);
  return id;
}

export async function deleteProvider(ctx: SignedInContext, id: string): Promise<boolean> {
  assertWritable(ctx);
  await ctx.em.transactional(async (em) => {
    const before = await lockProvider(em, id);
    if (!before) throw notFound(`Provider "${id}"`);
    const models = await modelsRoutingTo(em, id);
    if (models.length) throw new AppError('CONFLICT', `Models still route to "${id}": ${models.join(', ')}; change their routes first`, { models });
    await deleteProviderRow(em, id);
    await bumpCatalogVersion(em);
    appendAuditRecord(em, { actorId: ctx.viewer.userId, action: 'provider.delete', targetType: 'provider', targetId: id, metadata: auditView(before) });
    await em.flush();
  });
  await reloadEverywhere(ctx);
  return true;
}

/** Validates a model's route and capabilities; providers must exist (locked against deletion by the caller's transaction). */
function checkModel(input: { name: string; capabilities?: Record<string, unknown> | null; primary: TargetInput; fallbacks: TargetInput[] }, known: Set<string>): ModelRow {
  const name = input.name.trim();
  if (!name || name.length > 128 || /[\s\p{C}]/u.test(name)) throw badInput('Model name must be 1 to 128 characters without spaces', 'name');
  if (input.fallbacks.length > MAX_FALLBACKS) throw badInput(`At most ${MAX_FALLBACKS} fallbacks`, 'fallbacks');
  const target = (t: TargetInput, field: string) => {
    if (!known.has(t.provider)) throw badInput(`Unknown provider "${t.provider}"`, `${field}.provider`);
    const model = t.model?.trim();
    if (!model || model.length > 256) throw badInput("Name the provider's model", `${field}.model`);
    const caps = Object.fromEntries(Object.entries(t.capabilities ?? {}).filter(([, v]) => v !== null && v !== undefined));
    return { provider: t.provider, model, ...(Object.keys(caps).length ? { capabilities: caps } : {}) };
  };
  const capabilities = Object.fromEntries(Object.entries(input.capabilities ?? {}).filter(([, v]) => v !== null && v !== undefined));
  for (const field of ['contextWindow', 'maxOutputTokens'] as const) {
    const v = capabilities[field];
    if (v !== undefined && (!Number.isSafeInteger(v) || (v as number) < 1)) throw badInput('Must be a whole number of tokens', `capabilities.${field}`);
  }
  const model = {
    name,
    primary: target(input.primary, 'primary'),
    fallbacks: input.fallbacks.map((f, i) => target(f, `fallbacks.${i}`)),
    ...(Object.keys(capabilities).length ? { capabilities } : {}),
  };
  const parsed = modelSchema.safeParse(model);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw badInput(issue.message, issue.path.join('.') || 'name');
  }
  return parsed.data;
}

const routeOf = (m: Pick<ModelConfig, 'primary' | 'fallbacks'>) => [m.primary, ...m.fallbacks].map((t) => `${t.provider}/${t.model}`);
const providersOf = (m: { primary: TargetInput; fallbacks?: TargetInput[] | null }) => [m.primary, ...(m.fallbacks ?? [])].map((t) => t.provider);

export async function createModel(ctx: SignedInContext, input: ModelInput): Promise<string> {
  assertWritable(ctx);
  let name = '';
  await ctx.em.transactional(async (em) => {
    const known = await lockProvidersShared(em, providersOf(input));
    const model = checkModel({ ...input, fallbacks: input.fallbacks ?? [] }, known);
    name = model.name;
    if (!(await insertModel(em, model))) throw new AppError('CONFLICT', `A model "${model.name}" exists already`, { field: 'name' });
    await bumpCatalogVersion(em);
    appendAuditRecord(em, { actorId: ctx.viewer.userId, action: 'model.create', targetType: 'model', targetId: model.name, metadata: { route: routeOf(model), capabilities: model.capabilities ?? {} } });
    await em.flush();
  });
  await reloadEverywhere(ctx);
  return name;
}

export async function updateModel(ctx: SignedInContext, name: string, patch: ModelPatch): Promise<string> {
  assertWritable(ctx);
  await ctx.em.transactional(async (em) => {
    const before = await lockModel(em, name);
    if (!before) throw notFound(`Model "${name}"`);
    const merged = {
      name,
      capabilities: patch.capabilities === undefined ? (before.capabilities ?? null) : patch.capabilities,
      primary: patch.primary ?? before.primary,
      fallbacks: patch.fallbacks ?? before.fallbacks,
    };
    const known = await lockProvidersShared(em, providersOf(merged));
    const after = checkModel(merged, known);
    await replaceModel(em, after);
    await bumpCatalogVersion(em);
    appendAuditRecord(em, {
      actorId: ctx.viewer.userId,
      action: 'model.update',
      targetType: 'model',
      targetId: name,
      metadata: { changes: diff({ route: routeOf(before), capabilities: before.capabilities ?? {} }, { route: routeOf(after), capabilities: after.capabilities ?? {} }) },
    });
    await em.flush();
  });
  await reloadEverywhere(ctx);
  return name;
}

export async function deleteModel(ctx: SignedInContext, name: string): Promise<boolean> {
  assertWritable(ctx);
  await ctx.em.transactional(async (em) => {
    const before = await lockModel(em, name);
    if (!before) throw notFound(`Model "${name}"`);
    await deleteModelRow(em, name);
    await bumpCatalogVersion(em);
    appendAuditRecord(em, { actorId: ctx.viewer.userId, action: 'model.delete', targetType: 'model', targetId: name, metadata: { route: routeOf(before) } });
    await em.flush();
  });
  await reloadEverywhere(ctx);
  return true;
}

/**
 * Calls the running instance's health check, then lists its models. Failures
 * are said by class (as chat attempts are): upstream bodies can echo our key.
 */
export async function testProvider(ctx: ServiceContext, id: string, timeoutMs = 10_000): Promise<ProviderTestResult> {
  if (!ctx.app.providers.catalog.providers.some((p) => p.id === id)) throw notFound(`Provider "${id}"`);
  const instance = ctx.app.providers.instances.get(id);
  if (!instance) {
    const reason = ctx.app.providers.failures.find((f) => f.id === id)?.reason ?? 'not running';
    return { ok: false, latencyMs: 0, error: `provider unavailable: ${reason}`, models: [] };
  }
  const signal = AbortSignal.timeout(timeoutMs);
  const started = performance.now();
  const health = await instance.health(signal).catch(() => ({ ok: false, latencyMs: performance.now() - started }));
  if (!health.ok) return { ok: false, latencyMs: health.latencyMs, error: 'upstream health check failed', models: [] };
  try {
    const models = await instance.listModels(signal);
    return { ok: true, latencyMs: health.latencyMs, error: null, models: models.map((m) => m.id).sort() };
  } catch (error) {
    const reason = error instanceof ProviderError ? publicReason(error) : 'upstream failed';
    return { ok: false, latencyMs: health.latencyMs, error: `listing models failed: ${reason}`, models: [] };
  }
}
