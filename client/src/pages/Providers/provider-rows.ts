import type { ModelFieldsFragment, ProviderFieldsFragment } from '../../gql/graphql.ts';
import type { MessageKey, Params } from '../../i18n/index.tsx';

type T = (key: MessageKey, params?: Params) => string;

/** How a provider's key is shown: never the key, only that one is set (and its last four characters) or where it comes from. */
export function keyLabel(t: T, p: Pick<ProviderFieldsFragment, 'apiKeySet' | 'apiKeyLast4' | 'apiKeyEnv'>): string {
  if (p.apiKeySet && p.apiKeyLast4) return t('providers.keySet', { last4: p.apiKeyLast4 });
  if (p.apiKeySet) return t('providers.keySetNoDigits');
  return t('providers.keyNone');
}

export type ProviderStatus = 'ok' | 'disabled' | 'failed';

export function providerStatus(p: Pick<ProviderFieldsFragment, 'enabled' | 'available'>): ProviderStatus {
  if (!p.enabled) return 'disabled';
  return p.available ? 'ok' : 'failed';
}

export const CAPABILITIES = ['vision', 'tools', 'json', 'embeddings'] as const;
export type CapabilityName = (typeof CAPABILITIES)[number];

/** The features a model can serve beyond text, in display order. */
export function modelCan(m: Pick<ModelFieldsFragment, 'capabilities'>): CapabilityName[] {
  return CAPABILITIES.filter((c) => m.capabilities[c] === true);
}
