/** Discovers, imports and validates provider plugins; one bad plugin never stops the others. */
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ProviderPlugin } from '../../plugins/plugin-api.ts';
import { discoverPluginDirs, type PluginEntry } from './discover.ts';
import { validatePlugin } from './validate-plugin.ts';

/** The subset of pino's Logger the host uses, so tests can pass a stub. */
export interface HostLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/** A plugin or provider instance that could not be used, by name, with the reason. */
export interface LoadFailure {
  id: string;
  reason: string;
}

export interface LoadPluginsOptions {
  /** Extra folders scanned like the built-in `plugins/` folder. */
  dirs?: string[];
  /** npm package names whose default export is a plugin. */
  packages?: string[];
  logger?: HostLogger;
  /** The built-in plugins folder; `false` skips it (tests). */
  builtinDir?: string | false;
}

export interface LoadedPlugins {
  plugins: Map<string, ProviderPlugin>;
  failures: LoadFailure[];
}

/** The repository's own `plugins/` folder. */
export const BUILTIN_PLUGIN_DIR = fileURLToPath(new URL('../../plugins/', import.meta.url));

const silent: HostLogger = { info() {}, warn() {} };

async function importEntry(e: PluginEntry): Promise<unknown> {
  return import(e.kind === 'dir' ? pathToFileURL(e.entry).href : e.entry);
}

/**
 * Imports every discovered plugin in parallel and validates its shape and
 * `apiVersion`. Refused plugins land in `failures` (and the log) by name.
 * A duplicate id keeps the first plugin found (built-ins first, then `dirs`, then `packages`).
 */
export async function loadPlugins(options: LoadPluginsOptions = {}): Promise<LoadedPlugins> {
  const logger = options.logger ?? silent;
  const builtin = options.builtinDir === false ? [] : [options.builtinDir ?? BUILTIN_PLUGIN_DIR];
  const found = await discoverPluginDirs([...builtin, ...(options.dirs ?? [])]);
  const entries: PluginEntry[] = [
    ...found.entries,
    ...(options.packages ?? []).map((name): PluginEntry => ({ name, entry: name, kind: 'package' })),
  ];
  const failures: LoadFailure[] = [...found.failures];
  const plugins = new Map<string, ProviderPlugin>();
  const imported = await Promise.allSettled(entries.map(importEntry));
  imported.forEach((result, i) => {
    const entry = entries[i];
    if (result.status === 'rejected') {
      failures.push({ id: entry.name, reason: `failed to load: ${(result.reason as Error)?.message ?? result.reason}` });
      return;
    }
    const check = validatePlugin(result.value);
    if (!check.ok) return void failures.push({ id: entry.name, reason: check.reason });
    const { plugin } = check;
    if (plugins.has(plugin.id)) return void failures.push({ id: entry.name, reason: `duplicate plugin id "${plugin.id}"` });
    plugins.set(plugin.id, plugin);
  });
  for (const f of failures) logger.warn({ plugin: f.id, reason: f.reason }, 'plugin refused');
  logger.info({ plugins: [...plugins.keys()] }, 'plugins loaded');
  return { plugins, failures };
}
