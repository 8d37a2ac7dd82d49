/**
 * Which features a request needs, which provider targets can serve them, and
 * what a gateway model can do: pure functions over the plugins' declared
 * features and the config's model capabilities, so the router can refuse or
 * skip before anything goes upstream.
 */
import type { ChatRequest, PluginFeatures } from '../../plugins/plugin-api.ts';

/** A feature beyond plain text, by the name refusals use. */
export type RequestFeature = 'tools' | 'images' | 'json_object' | 'json_schema' | 'embeddings';

/** A model's boolean capabilities, as the config names them. */
export type Capability = 'vision' | 'tools' | 'json' | 'embeddings';

/** Capabilities a config entry may set (each optional: unset means derived, see `modelCapabilities`). */
export type CapabilityFlags = Partial<Record<Capability, boolean>>;

/** A model's capabilities after defaults: booleans decided, sizes when configured. */
export interface ModelCapabilities {
  vision: boolean;
  tools: boolean;
  json: boolean;
  embeddings: boolean;
  contextWindow: number | null;
  maxOutputTokens: number | null;
}

const NEEDS: Record<RequestFeature, { plugin: keyof PluginFeatures; capability: Capability }> = {
  tools: { plugin: 'tools', capability: 'tools' },
  images: { plugin: 'images', capability: 'vision' },
  json_object: { plugin: 'jsonObject', capability: 'json' },
  json_schema: { plugin: 'jsonSchema', capability: 'json' },
  embeddings: { plugin: 'embeddings', capability: 'embeddings' },
};

/**
 * The features a chat request uses. Tool history (assistant tool calls, tool
 * results) needs tools as much as tool definitions do: a vendor without tools
 * cannot be handed that conversation.
 */
export function requiredFeatures(req: Pick<ChatRequest, 'messages' | 'tools' | 'toolChoice' | 'responseFormat'>): RequestFeature[] {
  const need = new Set<RequestFeature>();
  if (req.tools?.length) need.add('tools');
  for (const m of req.messages) {
    if (m.role === 'tool' || m.toolCalls?.length) need.add('tools');
    if (Array.isArray(m.content) && m.content.some((p) => p.type === 'image')) need.add('images');
  }
  if (req.responseFormat?.type === 'json_object') need.add('json_object');
  if (req.responseFormat?.type === 'json_schema') need.add('json_schema');
  return [...need];
}

/** One provider target of a model, as the router sees it. */
export interface TargetView {
  /** The plugin's declared features; undefined when the instance is not running. */
  features?: PluginFeatures;
  /** The target's own capability overrides from the config. */
  capabilities?: CapabilityFlags;
}

/**
 * Why a target cannot serve `need`, or undefined when it can. The model's
 * capabilities and the target's overrides can only take features away; the
 * plugin's declaration is the ceiling.
 */
export function unsupportedReason(need: RequestFeature[], target: TargetView, model: CapabilityFlags | undefined, plugin: string): string | undefined {
  const missing: string[] = [];
  for (const f of need) {
    const { plugin: key, capability } = NEEDS[f];
    if (model?.[capability] === false) missing.push(`${f} (the model's capabilities set ${capability}: false)`);
    else if (target.capabilities?.[capability] === false) missing.push(`${f} (this target sets ${capability}: false)`);
    else if (target.features && !target.features[key]) missing.push(`${f} (plugin ${plugin} does not support it)`);
  }
  return missing.length ? `cannot serve ${missing.join(', ')}` : undefined;
}

/**
 * A model's capabilities as `Query.models` shows them. A flag the config sets
 * wins; an unset one is true when at least one of the model's targets can serve
 * it (its plugin declares the feature and the target does not turn it off), so
 * a model behind OpenAI shows vision and tools until the config says otherwise.
 * `json` means JSON object or JSON schema answers; sizes are shown only when configured.
 */
export function modelCapabilities(
  model: { capabilities?: CapabilityFlags & { contextWindow?: number; maxOutputTokens?: number } },
  targets: TargetView[],
): ModelCapabilities {
  const derive = (capability: Capability, can: (f: PluginFeatures) => boolean) =>
    model.capabilities?.[capability] ??
    targets.some((t) => t.features !== undefined && t.capabilities?.[capability] !== false && can(t.features));
  return {
    vision: derive('vision', (f) => f.images),
    tools: derive('tools', (f) => f.tools),
    json: derive('json', (f) => f.jsonObject || f.jsonSchema),
    embeddings: derive('embeddings', (f) => f.embeddings),
    contextWindow: model.capabilities?.contextWindow ?? null,
    maxOutputTokens: model.capabilities?.maxOutputTokens ?? null,
  };
}
