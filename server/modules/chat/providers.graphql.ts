import { builder } from '../../builder.ts';
import type { ModelCapabilities, ModelDescription, ProviderDescription } from '../../router/index.ts';

const RouteTarget = builder.objectRef<{ provider: string; model: string }>('RouteTarget').implement({
  authScopes: { loggedIn: true },
  fields: (t) => ({ provider: t.exposeString('provider'), model: t.exposeString('model') }),
});

const ModelCapabilitiesType = builder.objectRef<ModelCapabilities>('ModelCapabilities').implement({
  description: "What a model can do: the config's flags, else derived from its providers' plugins; requests using a feature go only to providers able to serve it",
  authScopes: { loggedIn: true },
  fields: (t) => ({
    vision: t.exposeBoolean('vision', { description: 'Images in user messages' }),
    tools: t.exposeBoolean('tools', { description: 'Tool definitions, tool calls and tool results' }),
    json: t.exposeBoolean('json', { description: 'JSON object and JSON schema answers' }),
    embeddings: t.exposeBoolean('embeddings', { description: 'Mutation.embed and POST /v1/embeddings' }),
    contextWindow: t.int({ nullable: true, resolve: (c) => c.contextWindow }),
    maxOutputTokens: t.int({ nullable: true, resolve: (c) => c.maxOutputTokens }),
  }),
});

const ModelType = builder.objectRef<ModelDescription>('Model').implement({
  description: 'A model name clients may use, and the route behind it',
  authScopes: { loggedIn: true },
  fields: (t) => ({
    name: t.exposeString('name'),
    primary: t.field({ type: RouteTarget, resolve: (m) => m.primary }),
    fallbacks: t.field({ type: [RouteTarget], resolve: (m) => m.fallbacks }),
    capabilities: t.field({ type: ModelCapabilitiesType, resolve: (m) => m.capabilities }),
  }),
});

const CircuitState = builder.enumType('CircuitState', { values: ['CLOSED', 'OPEN', 'HALF_OPEN'] as const });

const ProviderType = builder.objectRef<ProviderDescription & { failure: string | null }>('Provider').implement({
  authScopes: { permission: 'providers:read' },
  fields: (t) => ({
    id: t.exposeString('id'),
    plugin: t.exposeString('plugin'),
    available: t.exposeBoolean('available', { description: 'False when the plugin or instance failed to load; see loadError' }),
    loadError: t.string({ nullable: true, resolve: (p) => p.failure }),
    circuit: t.field({ type: CircuitState, resolve: (p) => p.circuit.toUpperCase().replace('-', '_') as 'CLOSED' | 'OPEN' | 'HALF_OPEN' }),
    errorRate: t.float({ description: 'Share of failed attempts over the last five minutes', resolve: (p) => p.errorRate }),
    p50LatencyMs: t.float({ nullable: true, resolve: (p) => p.p50LatencyMs }),
    requests: t.int({ description: 'Attempts over the last five minutes', resolve: (p) => p.requests }),
  }),
});

builder.queryFields((t) => ({
  models: t.field({
    type: [ModelType],
    authScopes: { loggedIn: true },
    resolve: (_root, _args, ctx) => ctx.app.providers.router.describe().models,
  }),
  providers: t.field({
    type: [ProviderType],
    description: 'Each provider instance with its health, circuit state, recent error rate and latency',
    authScopes: { permission: 'providers:read' },
    resolve: (_root, _args, ctx) => {
      const failures = new Map(ctx.app.providers.failures.map((f) => [f.id, f.reason]));
      return ctx.app.providers.router.describe().providers.map((p) => ({ ...p, failure: failures.get(p.id) ?? null }));
    },
  }),
}));
