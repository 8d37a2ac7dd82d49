import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppState } from './app-state.ts';
import { createApiKeyByIdLoader, createApiKeysByUserLoader } from './modules/api-keys/api-keys.loaders.ts';
import { createQuotaByUserLoader } from './modules/quotas/quotas.loaders.ts';
import { createRoleByIdLoader, createRolesByUserLoader } from './modules/roles/roles.loaders.ts';
import { createTodayUsageLoader } from './modules/usage/usage.loaders.ts';
import { createUserByIdLoader } from './modules/users/users.loaders.ts';

function factories(em: () => EntityManager, app: AppState) {
  return {
    userById: () => createUserByIdLoader(em()),
    rolesByUser: () => createRolesByUserLoader(em()),
    roleById: () => createRoleByIdLoader(em()),
    quotaByUser: () => createQuotaByUserLoader(em()),
    todayUsageByUser: () => createTodayUsageLoader(em(), app.timezone),
    apiKeysByUser: () => createApiKeysByUserLoader(em()),
    apiKeyById: () => createApiKeyByIdLoader(em()),
  };
}

export type Loaders = { readonly [K in keyof ReturnType<typeof factories>]: ReturnType<ReturnType<typeof factories>[K]> };

/** Per-request loaders, each built on first use so a request pays only for what it reads (the request's EntityManager too). */
export function createLoaders(em: () => EntityManager, app: AppState): Loaders {
  const make = factories(em, app);
  const built: Partial<Record<keyof Loaders, unknown>> = {};
  return new Proxy({} as Loaders, {
    get(_target, key: keyof Loaders) {
      return (built[key] ??= make[key]());
    },
  });
}
