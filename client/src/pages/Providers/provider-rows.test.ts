import { describe, expect, it } from 'vitest';
import { translate } from '../../i18n/index.tsx';
import { parseOptions } from './ProviderForm.tsx';
import { keyLabel, modelCan, providerStatus } from './provider-rows.ts';

const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate('zh-CN', key, params);

describe('providers page data', () => {
  it('shows a key only as set with its last four characters, never more', () => {
    expect(keyLabel(t, { apiKeySet: true, apiKeyLast4: 'd013', apiKeyEnv: null })).toBe('已设置 ••••d013');
    expect(keyLabel(t, { apiKeySet: true, apiKeyLast4: null, apiKeyEnv: 'OPENAI_KEY' })).toBe('已设置');
    expect(keyLabel(t, { apiKeySet: false, apiKeyLast4: null, apiKeyEnv: null })).toBe('无');
  });

  it('says disabled before unavailable', () => {
    expect(providerStatus({ enabled: false, available: false })).toBe('disabled');
    expect(providerStatus({ enabled: true, available: false })).toBe('failed');
    expect(providerStatus({ enabled: true, available: true })).toBe('ok');
  });

  it('reads plugin options as a JSON object only', () => {
    expect(parseOptions('')).toEqual({});
    expect(parseOptions('{"timeoutMs": 30000}')).toEqual({ timeoutMs: 30000 });
    expect(parseOptions('[1]')).toBeNull();
    expect(parseOptions('{oops')).toBeNull();
  });

  it('lists what a model can do beyond text', () => {
    expect(modelCan({ capabilities: { vision: true, tools: false, json: true, embeddings: null } as never })).toEqual(['vision', 'json']);
  });
});
