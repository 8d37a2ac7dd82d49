import { createSignal, Show } from 'solid-js';
import type { CombinedError } from '@urql/core';
import { CheckField, SelectField, TextField } from '../../components/Field.tsx';
import { Form, FormActions } from '../../components/Form.tsx';
import { createFormErrors } from '../../components/form-errors.ts';
import type { ProviderFieldsFragment } from '../../gql/graphql.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { ErrorContext } from '../../lib/errors.ts';
import { keyLabel } from './provider-rows.ts';

export interface ProviderFormValues {
  id: string;
  plugin: string;
  baseUrl: string | null;
  options: Record<string, unknown>;
  /** Only when typed: the key is write-only. */
  apiKey: string | null;
  clearApiKey: boolean;
  maxConcurrent: number | null;
  enabled: boolean;
}

const FIELDS = ['id', 'plugin', 'baseUrl', 'apiKey', 'options', 'maxConcurrent'] as const;

/** The server's refusals of this form, said by field. */
export const PROVIDER_ERRORS: ErrorContext = {
  'BAD_USER_INPUT:id': 'providers.error.id',
  'CONFLICT:id': 'providers.error.idTaken',
  'BAD_USER_INPUT:plugin': 'providers.error.plugin',
  'BAD_USER_INPUT:baseUrl': 'providers.error.baseUrl',
  'BAD_USER_INPUT:options': 'providers.error.options',
  'BAD_USER_INPUT:apiKey': 'providers.error.apiKey',
  'BAD_USER_INPUT:maxConcurrent': 'providers.error.maxConcurrent',
};

/** A JSON object from the options box (empty: none); null when it is not one. */
export function parseOptions(text: string): Record<string, unknown> | null {
  if (!text.trim()) return {};
  try {
    const value = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

export function ProviderForm(props: {
  provider: ProviderFieldsFragment | null;
  plugins: readonly { id: string }[];
  busy: boolean;
  error: CombinedError | null;
  onSubmit: (values: ProviderFormValues) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const p = props.provider;
  const [id, setId] = createSignal(p?.id ?? '');
  const [plugin, setPlugin] = createSignal(p?.plugin ?? props.plugins.find((x) => x.id === 'openai-compatible')?.id ?? props.plugins[0]?.id ?? '');
  const [baseUrl, setBaseUrl] = createSignal(p?.baseUrl ?? '');
  const [apiKey, setApiKey] = createSignal('');
  const [clearKey, setClearKey] = createSignal(false);
  const [options, setOptions] = createSignal(p && Object.keys(p.options ?? {}).length ? JSON.stringify(p.options, null, 2) : '');
  const [maxConcurrent, setMaxConcurrent] = createSignal(p?.maxConcurrent ? String(p.maxConcurrent) : '');
  const [enabled, setEnabled] = createSignal(p?.enabled ?? true);
  const errors = createFormErrors({ error: () => props.error, fields: FIELDS, context: PROVIDER_ERRORS });
  const edit = (field: (typeof FIELDS)[number], set: (v: string) => void) => (v: string) => (set(v), errors.edited(field));

  return (
    <Form
      errorContext={PROVIDER_ERRORS}
      error={errors.general()}
      refusal={props.error}
      onSubmit={() => {
        const parsedOptions = parseOptions(options());
        const max = maxConcurrent().trim() ? Number(maxConcurrent().trim()) : null;
        const ok = errors.check({
          id: /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(id().trim()) ? null : { key: 'providers.error.id' },
          plugin: plugin() ? null : { key: 'providers.error.plugin' },
          baseUrl: !baseUrl().trim() || /^https?:\/\/\S+$/.test(baseUrl().trim()) ? null : { key: 'providers.error.baseUrl' },
          options: parsedOptions ? null : { key: 'providers.error.optionsJson', params: { example: '{"timeoutMs": 30000}' } },
          apiKey: /\s/.test(apiKey().trim()) ? { key: 'providers.error.apiKey' } : null,
          maxConcurrent: max === null || (Number.isInteger(max) && max >= 1 && max <= 100_000) ? null : { key: 'providers.error.maxConcurrent' },
        });
        if (!ok || !parsedOptions) return false;
        props.onSubmit({
          id: id().trim(),
          plugin: plugin(),
          baseUrl: baseUrl().trim() || null,
          options: parsedOptions,
          apiKey: apiKey().trim() || null,
          clearApiKey: clearKey() && !apiKey().trim(),
          maxConcurrent: max,
          enabled: enabled(),
        });
      }}
    >
      <div class="form-row">
        <TextField label={t('providers.id')} name="id" value={id()} onValue={edit('id', setId)} error={errors.message('id')} hint={t('providers.idHint')} disabled={Boolean(p)} autocomplete="off" data-autofocus />
        <SelectField label={t('providers.plugin')} name="plugin" value={plugin()} options={props.plugins.map((x) => ({ value: x.id, label: x.id }))} onValue={edit('plugin', setPlugin)} error={errors.message('plugin')} />
      </div>
      <TextField label={t('providers.baseUrl')} name="baseUrl" type="url" value={baseUrl()} onValue={edit('baseUrl', setBaseUrl)} error={errors.message('baseUrl')} hint={t('providers.baseUrlHint')} optional autocomplete="off" />
      <TextField
        label={t('providers.apiKey')}
        name="apiKey"
        type="password"
        autocomplete="new-password"
        value={apiKey()}
        onValue={edit('apiKey', setApiKey)}
        error={errors.message('apiKey')}
        hint={p?.apiKeySet ? `${t('providers.apiKeyHint')} ${t('providers.apiKeyKeep', { key: keyLabel(t, p) })}` : t('providers.apiKeyHint')}
        optional
      />
      <Show when={p?.apiKeySet}>
        <CheckField label={t('providers.apiKeyClear')} name="clearApiKey" checked={clearKey()} onChange={setClearKey} />
      </Show>
      <div class="field">
        <label class="field-label" for="provider-options">
          {t('providers.options')} <span class="field-optional">({t('common.optional')})</span>
        </label>
        <textarea
          id="provider-options"
          name="options"
          class="input textarea mono"
          rows={4}
          spellcheck={false}
          value={options()}
          aria-invalid={errors.message('options') ? 'true' : undefined}
          onInput={(e) => edit('options', setOptions)(e.currentTarget.value)}
        />
        <Show when={errors.message('options')} fallback={<p class="field-hint">{t('providers.optionsHint')}</p>}>
          <p class="field-error" role="alert">
            {errors.message('options')}
          </p>
        </Show>
      </div>
      <div class="form-row">
        <TextField label={t('providers.maxConcurrent')} name="maxConcurrent" inputmode="numeric" value={maxConcurrent()} onValue={edit('maxConcurrent', setMaxConcurrent)} error={errors.message('maxConcurrent')} optional />
      </div>
      <CheckField label={t('providers.enabled')} description={t('providers.enabledHint')} name="enabled" checked={enabled()} onChange={setEnabled} />
      <FormActions busy={props.busy} submitLabel={p ? t('common.save') : t('common.create')} onCancel={props.onCancel} />
    </Form>
  );
}
