export { bootProviders, type BootedProviders } from './boot-providers.ts';
export { createProviders, featuresOf, type CreatedProviders, type CreateProvidersOptions, type ProviderEntry } from './create-providers.ts';
export { discoverPluginDirs, type PluginEntry } from './discover.ts';
export { BUILTIN_PLUGIN_DIR, loadPlugins, type HostLogger, type LoadedPlugins, type LoadFailure, type LoadPluginsOptions } from './load-plugins.ts';
export { validatePlugin, type PluginCheck } from './validate-plugin.ts';
