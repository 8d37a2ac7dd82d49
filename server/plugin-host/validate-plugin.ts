/** Checks that an imported module is a usable ProviderPlugin, with a reason when it is not. */
import { PLUGIN_API_VERSION, SUPPORTED_PLUGIN_API_VERSIONS, type PluginFeatures, type ProviderPlugin } from '../../plugins/plugin-api.ts';

const FEATURE_KEYS = ['tools', 'images', 'jsonObject', 'jsonSchema', 'embeddings'] as const satisfies readonly (keyof PluginFeatures)[];

export type PluginCheck = { ok: true; plugin: ProviderPlugin } | { ok: false; reason: string };

/** Accepts a module namespace (default export) or the plugin object itself. */
export function validatePlugin(moduleOrPlugin: unknown): PluginCheck {
  const mod = moduleOrPlugin as { default?: unknown } | null;
  const p = (mod && typeof mod === 'object' && 'default' in mod ? mod.default : mod) as Record<string, unknown> | null;
  if (!p || typeof p !== 'object') return { ok: false, reason: 'no default export object' };
  if (typeof p.id !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(p.id)) return { ok: false, reason: 'id must be a lower-case string like "my-vendor"' };
  if (typeof p.apiVersion !== 'number') return { ok: false, reason: 'apiVersion is missing' };
  if (!SUPPORTED_PLUGIN_API_VERSIONS.includes(p.apiVersion)) {
    return { ok: false, reason: `declares plugin API version ${p.apiVersion}; this gateway speaks versions ${SUPPORTED_PLUGIN_API_VERSIONS.join(' and ')} (${PLUGIN_API_VERSION} is current)` };
  }
  const schema = p.configSchema as { safeParse?: unknown } | undefined;
  if (!schema || typeof schema.safeParse !== 'function') return { ok: false, reason: 'configSchema must be a zod schema' };
  if (typeof p.create !== 'function') return { ok: false, reason: 'create must be a function' };
  if (p.description !== undefined && typeof p.description !== 'string') return { ok: false, reason: 'description must be a string' };
  if (p.features !== undefined) {
    const f = p.features as Record<string, unknown> | null;
    const missing = FEATURE_KEYS.filter((k) => typeof f?.[k] !== 'boolean');
    if (!f || typeof f !== 'object' || missing.length) return { ok: false, reason: `features must declare ${FEATURE_KEYS.join(', ')} as booleans (missing or wrong: ${missing.join(', ')})` };
  }
  return { ok: true, plugin: p as unknown as ProviderPlugin };
}
