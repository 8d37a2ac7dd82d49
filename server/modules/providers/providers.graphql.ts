import type { InputObjectRef, ObjectFieldBuilder, ObjectRef } from '@pothos/core';
import { builder } from '../../builder.ts';
import type { ModelConfig } from '../../config/index.ts';
import type { ModelDescription, ProviderDescription } from '../../router/index.ts';
import type { Permission } from '../roles/permissions.ts';
import type { ServiceContext, SignedInContext } from '../service-context.ts';
import { signedIn } from '../service-context.ts';
import type { CatalogProvider } from './provider-registry.ts';
import { createModel, createProvider, deleteModel, deleteProvider, testProvider, updateModel, updateProvider, type ProviderTestResult } from './providers.service.ts';

type Flags = { vision?: boolean; tools?: boolean; json?: boolean; embeddings?: boolean };
type TargetView = { provider: string; model: string; capabilities?: Flags };
type ModelView = ModelDescription & { configured?: ModelConfig; primary: TargetView; fallbacks: TargetView[] };
type ProviderView = CatalogProvider & Omit<ProviderDescription, 'id' | 'plugin'> & { failure: string | null };

type FlagFieldBuilder = ObjectFieldBuilder<typeof builder extends PothosSchemaTypes.SchemaBuilder<infer Types> ? Types : never, Flags>;

/** The feature flags a model or one of its targets may set; unset is null (decided elsewhere). */
const featureFlagFields = (t: FlagFieldBuilder) => ({
  vision: t.boolean({ nullable: true, resolve: (c) => c.vision ?? null }),
  tools: t.boolean({ nullable: true, resolve: (c) => c.tools ?? null }),
  json: t.boolean({ nullable: true, resolve: (c) => c.json ?? null }),
  embeddings: t.boolean({ nullable: true, resolve: (c) => c.embeddings ?? null }),
});

const TargetCapabilities = builder.objectRef<Flags>('TargetCapabilities').implement({
  description: 'Features turned off for one target of a route (unset: as its plugin declares)',
  authScopes: { loggedIn: true },
  fields: (t) => featureFlagFields(t),
});

const RouteTarget = builder.objectRef<TargetView>('RouteTarget').implement({
  authScopes: { loggedIn: true },
  fields: (t) => ({
    provider: t.exposeString('provider'),
    model: t.exposeString('model'),
    capabilities: t.field({ type: TargetCapabilities, nullable: true, resolve: (r) => r.capabilities ?? null }),
  }),
});

type Caps = NonNullable<ModelConfig['capabilities']>;
const ModelCapabilitiesType = builder.objectRef<Caps>('ModelCapabilities').implement({
  description: 'What a model can do; in `capabilities` every flag is decided (set, else derived from its providers), in `configuredCapabilities` only what was set',
  authScopes: { loggedIn: true },
  fields: (t) => ({
    ...featureFlagFields(t),
    contextWindow: t.int({ nullable: true, resolve: (c) => c.contextWindow ?? null }),
    maxOutputTokens: t.int({ nullable: true, resolve: (c) => c.maxOutputTokens ?? null }),
  }),
});

const ModelType = builder.objectRef<ModelView>('Model').implement({
  description: 'A model name clients may use, and the route behind it',
  authScopes: { loggedIn: true },
  fields: (t) => ({
    name: t.exposeString('name'),
    primary: t.field({ type: RouteTarget, resolve: (m) => m.primary }),
    fallbacks: t.field({ type: [RouteTarget], resolve: (m) => m.fallbacks }),
    capabilities: t.field({ type: ModelCapabilitiesType, resolve: (m) => ({ ...m.capabilities, contextWindow: m.capabilities.contextWindow ?? undefined, maxOutputTokens: m.capabilities.maxOutputTokens ?? undefined }) }),
    configuredCapabilities: t.field({ type: ModelCapabilitiesType, resolve: (m) => m.configured?.capabilities ?? {} }),
    editable: t.boolean({ description: 'False when the config file is the source of truth (ZERO_PROVIDERS_FROM=config)', resolve: (_m, _a, ctx) => ctx.app.providers.source === 'database' }),
  }),
});

const CircuitState = builder.enumType('CircuitState', { values: ['CLOSED', 'OPEN', 'HALF_OPEN'] as const });
const ProvidersSource = builder.enumType('ProvidersSource', {
  description: 'DATABASE: managed here (the config file seeded it). CONFIG: the config file rules; read-only here',
  values: ['DATABASE', 'CONFIG'] as const,
});

// Who may change providers reads what they changed, even without providers:read.
const READERS = { anyPermission: ['providers:read', 'providers:write'] } as const satisfies { anyPermission: Permission[] };

const ProviderType = builder.objectRef<ProviderView>('Provider').implement({
  description: 'A provider instance: its settings (the API key only as set and its last four characters) and its health',
  authScopes: { anyPermission: [...READERS.anyPermission] },
  fields: (t) => ({
    id: t.exposeString('id'),
    plugin: t.exposeString('plugin'),
    baseUrl: t.string({ nullable: true, resolve: (p) => p.baseUrl }),
    options: t.field({ type: 'JSON', description: "The plugin's options as stored", resolve: (p) => p.options }),
    apiKeySet: t.boolean({ description: 'Whether an API key is stored (or, from the config file, its variable is set). The key itself is never returned', resolve: (p) => p.apiKeySet }),
    apiKeyLast4: t.string({ nullable: true, resolve: (p) => p.apiKeyLast4 }),
    apiKeyEnv: t.string({ nullable: true, description: 'The environment variable the key is read from (entries seeded from the config file)', resolve: (p) => p.apiKeyEnv }),
    maxConcurrent: t.int({ nullable: true, resolve: (p) => p.maxConcurrent }),
    enabled: t.exposeBoolean('enabled'),
    editable: t.boolean({ resolve: (_p, _a, ctx) => ctx.app.providers.source === 'database' }),
    available: t.exposeBoolean('available', { description: 'False when the plugin or instance failed to load or is disabled; see loadError' }),
    loadError: t.string({ nullable: true, resolve: (p) => p.failure }),
    circuit: t.field({ type: CircuitState, resolve: (p) => p.circuit.toUpperCase().replace('-', '_') as 'CLOSED' | 'OPEN' | 'HALF_OPEN' }),
    errorRate: t.float({ description: 'Share of failed attempts over the last five minutes', resolve: (p) => p.errorRate }),
    p50LatencyMs: t.float({ nullable: true, resolve: (p) => p.p50LatencyMs }),
    requests: t.int({ description: 'Attempts over the last five minutes', resolve: (p) => p.requests }),
  }),
});

const PluginFeaturesType = builder.objectRef<{ tools: boolean; images: boolean; jsonObject: boolean; jsonSchema: boolean; embeddings: boolean }>('PluginFeatures').implement({
  authScopes: { anyPermission: [...READERS.anyPermission] },
  fields: (t) => ({
    tools: t.exposeBoolean('tools'),
    images: t.exposeBoolean('images'),
    jsonObject: t.exposeBoolean('jsonObject'),
    jsonSchema: t.exposeBoolean('jsonSchema'),
    embeddings: t.exposeBoolean('embeddings'),
  }),
});

const ProviderPluginType = builder.objectRef<{ id: string; description: string | null; features: PluginFeaturesType }>('ProviderPlugin').implement({
  description: 'A loaded provider plugin a provider instance can use',
  authScopes: { anyPermission: [...READERS.anyPermission] },
  fields: (t) => ({
    id: t.exposeString('id'),
    description: t.string({ nullable: true, resolve: (p) => p.description }),
    features: t.field({ type: PluginFeaturesType, resolve: (p) => p.features }),
  }),
});
type PluginFeaturesType = { tools: boolean; images: boolean; jsonObject: boolean; jsonSchema: boolean; embeddings: boolean };

const ProviderTestType = builder.objectRef<ProviderTestResult>('ProviderTest').implement({
  description: "A provider's health check and the models it lists; failures by class, never the upstream's own words",
  authScopes: { anyPermission: [...READERS.anyPermission] },
  fields: (t) => ({
    ok: t.exposeBoolean('ok'),
    latencyMs: t.exposeFloat('latencyMs'),
    error: t.string({ nullable: true, resolve: (r) => r.error }),
    models: t.exposeStringList('models'),
  }),
});

const CreateProviderInput = builder.inputType('CreateProviderInput', {
  fields: (t) => ({
    id: t.string({ required: true, description: 'Instance id routes name, e.g. openai-eu' }),
    plugin: t.string({ required: true }),
    baseUrl: t.string(),
    options: t.field({ type: 'JSON', description: "Checked with the plugin's own schema" }),
    apiKey: t.string({ description: 'Write-only: stored sealed (AES-256-GCM), never returned' }),
    maxConcurrent: t.int(),
    enabled: t.boolean({ description: 'Default true' }),
  }),
});

const UpdateProviderInput = builder.inputType('UpdateProviderInput', {
  fields: (t) => ({
    plugin: t.string(),
    baseUrl: t.string({ description: 'null or empty clears it' }),
    options: t.field({ type: 'JSON' }),
    apiKey: t.string({ description: 'Write-only: replaces the stored key' }),
    clearApiKey: t.boolean(),
    maxConcurrent: t.int(),
    enabled: t.boolean(),
  }),
});

const TargetCapabilitiesInput = builder.inputType('TargetCapabilitiesInput', {
  fields: (t) => ({ vision: t.boolean(), tools: t.boolean(), json: t.boolean(), embeddings: t.boolean() }),
});

const RouteTargetInput = builder.inputType('RouteTargetInput', {
  fields: (t) => ({
    provider: t.string({ required: true, description: 'Provider instance id' }),
    model: t.string({ required: true, description: "The provider's model id" }),
    capabilities: t.field({ type: TargetCapabilitiesInput }),
  }),
});

const ModelCapabilitiesInput = builder.inputType('ModelCapabilitiesInput', {
  fields: (t) => ({ vision: t.boolean(), tools: t.boolean(), json: t.boolean(), embeddings: t.boolean(), contextWindow: t.int(), maxOutputTokens: t.int() }),
});

const CreateModelInput = builder.inputType('CreateModelInput', {
  fields: (t) => ({
    name: t.string({ required: true, description: 'The name clients ask for' }),
    capabilities: t.field({ type: ModelCapabilitiesInput }),
    primary: t.field({ type: RouteTargetInput, required: true }),
    fallbacks: t.field({ type: [RouteTargetInput], description: 'Tried in order after the primary' }),
  }),
});

const UpdateModelInput = builder.inputType('UpdateModelInput', {
  fields: (t) => ({
    capabilities: t.field({ type: ModelCapabilitiesInput }),
    primary: t.field({ type: RouteTargetInput }),
    fallbacks: t.field({ type: [RouteTargetInput] }),
  }),
});

function modelViews(ctx: ServiceContext): ModelView[] {
  const configured = new Map(ctx.app.providers.catalog.models.map((m) => [m.name, m]));
  return ctx.app.providers.router.describe().models.map((m) => {
    const c = configured.get(m.name);
    return { ...m, configured: c, primary: c?.primary ?? m.primary, fallbacks: c?.fallbacks ?? m.fallbacks };
  });
}

function providerViews(ctx: ServiceContext): ProviderView[] {
  const failures = new Map(ctx.app.providers.failures.map((f) => [f.id, f.reason]));
  const health = new Map(ctx.app.providers.router.describe().providers.map((p) => [p.id, p]));
  return ctx.app.providers.catalog.providers.map((p) => {
    const h = health.get(p.id);
    return {
      ...p,
      available: h?.available ?? false,
      circuit: h?.circuit ?? 'closed',
      errorRate: h?.errorRate ?? 0,
      p50LatencyMs: h?.p50LatencyMs ?? null,
      requests: h?.requests ?? 0,
      failure: failures.get(p.id) ?? null,
    };
  });
}

const one = <T>(list: T[], find: (x: T) => boolean, what: string): T => {
  const found = list.find(find);
  if (!found) throw new Error(`${what} missing after reload`);
  return found;
};

builder.queryFields((t) => ({
  models: t.field({
    type: [ModelType],
    authScopes: { loggedIn: true },
    resolve: (_root, _args, ctx) => modelViews(ctx),
  }),
  providers: t.field({
    type: [ProviderType],
    description: 'Each provider instance with its settings, health, circuit state, recent error rate and latency',
    authScopes: { permission: 'providers:read' },
    resolve: (_root, _args, ctx) => providerViews(ctx),
  }),
  providersSource: t.field({
    type: ProvidersSource,
    authScopes: { permission: 'providers:read' },
    resolve: (_root, _args, ctx) => (ctx.app.providers.source === 'database' ? 'DATABASE' : 'CONFIG'),
  }),
  providerPlugins: t.field({
    type: [ProviderPluginType],
    authScopes: { permission: 'providers:read' },
    resolve: (_root, _args, ctx) =>
      [...ctx.app.providers.plugins.values()]
        .map((p) => ({
          id: p.id,
          description: p.description ?? null,
          features: p.apiVersion === 1 || !p.features ? { tools: false, images: false, jsonObject: false, jsonSchema: false, embeddings: false } : p.features,
        }))
        .sort((a, b) => a.id.localeCompare(b.id)),
  }),
}));

/** What a mutation changed, as the queries show it (so the console's cache updates without a refetch). */
const providerNamed = (ctx: Parameters<typeof providerViews>[0], id: string) => one(providerViews(ctx), (p) => p.id === id, 'provider');
const modelNamed = (ctx: Parameters<typeof modelViews>[0], name: string) => one(modelViews(ctx), (m) => m.name === name, 'model');

type MutationFieldBuilder = Parameters<Parameters<typeof builder.mutationFields>[0]>[0];

/**
 * A catalog entry's create, update and delete mutations: each needs providers:write, the service audits it,
 * and create and update return the entry as the queries show it (so the console's cache updates without a refetch).
 */
function catalogWrites<View extends object, Input, Patch>(
  t: MutationFieldBuilder,
  kind: {
    type: ObjectRef<any, View>;
    createInput: InputObjectRef<any, Input>;
    patchInput: InputObjectRef<any, Patch>;
    key: { name: 'id' | 'name'; description: string };
    descriptions: { create: string; update?: string; remove?: string };
    create: (ctx: SignedInContext, input: Input) => Promise<string>;
    update: (ctx: SignedInContext, key: string, patch: Patch) => Promise<string>;
    remove: (ctx: SignedInContext, key: string) => Promise<boolean>;
    named: (ctx: ServiceContext, key: string) => View;
  },
) {
  const authScopes = { permission: 'providers:write' } as const;
  // The generic ties each service to its input type for the caller; Pothos cannot resolve its own
  // conditional types over a type parameter, so inside, the refs are used untyped.
  const type: ObjectRef<any, object> = kind.type;
  const createInput: InputObjectRef<any, any> = kind.createInput;
  const patchInput: InputObjectRef<any, any> = kind.patchInput;
  const keyArg = () => ({ [kind.key.name]: t.arg.string({ required: true, description: kind.key.description }) });
  const keyOf = (args: Record<string, unknown>) => String(args[kind.key.name]);
  return {
    create: t.field({
      type,
      description: kind.descriptions.create,
      authScopes,
      args: { input: t.arg({ type: createInput, required: true }) },
      resolve: async (_root, { input }, ctx) => kind.named(ctx, await kind.create(signedIn(ctx), input)),
    }),
    update: t.field({
      type,
      description: kind.descriptions.update,
      authScopes,
      args: { ...keyArg(), input: t.arg({ type: patchInput, required: true }) },
      resolve: async (_root, args, ctx) => kind.named(ctx, await kind.update(signedIn(ctx), keyOf(args), args.input)),
    }),
    remove: t.boolean({
      description: kind.descriptions.remove,
      authScopes,
      args: keyArg(),
      resolve: (_root, args, ctx) => kind.remove(signedIn(ctx), keyOf(args)),
    }),
  };
}

builder.mutationFields((t) => {
  const providerWrites = catalogWrites(t, {
    type: ProviderType,
    createInput: CreateProviderInput,
    patchInput: UpdateProviderInput,
    key: { name: 'id', description: 'Provider instance id' },
    descriptions: {
      create: 'Adds a provider instance; every gateway instance serves it within moments (audited as provider.create)',
      remove: 'Refused with CONFLICT while a model routes to it',
    },
    create: createProvider,
    update: updateProvider,
    remove: deleteProvider,
    named: providerNamed,
  });
  const modelWrites = catalogWrites(t, {
    type: ModelType,
    createInput: CreateModelInput,
    patchInput: UpdateModelInput,
    key: { name: 'name', description: 'The name clients ask for' },
    descriptions: {
      create: 'Adds a gateway model and its route (audited as model.create)',
      update: "Changes a model's route or capabilities; chats already running keep the route they started on",
    },
    create: createModel,
    update: updateModel,
    remove: deleteModel,
    named: modelNamed,
  });
  return {
    createProvider: providerWrites.create,
    updateProvider: providerWrites.update,
    deleteProvider: providerWrites.remove,
    testProvider: t.field({
      type: ProviderTestType,
      description: "Calls the running instance's health check and lists its models",
      authScopes: { permission: 'providers:write' },
      args: { id: t.arg.string({ required: true, description: 'Provider instance id' }) },
      resolve: (_root, args, ctx) => testProvider(ctx, String(args.id)),
    }),
    createModel: modelWrites.create,
    updateModel: modelWrites.update,
    deleteModel: modelWrites.remove,
  };
});
