import { createSignal, Show } from 'solid-js';
import type { CombinedError } from '@urql/core';
import { CheckField, SelectField, TextField } from '../../components/Field.tsx';
import { Form, FormActions } from '../../components/Form.tsx';
import { createFormErrors } from '../../components/form-errors.ts';
import type { WebhookFieldsFragment, WebhookFormat } from '../../gql/graphql.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { Problem } from '../../lib/validate.ts';

export interface WebhookFormValues {
  /** Empty on edit: keep the stored address (and the key in its query string). */
  url: string;
  format: WebhookFormat;
  secretEnv: string;
  description: string;
  enabled: boolean;
}

function checkUrl(value: string, required: boolean): Problem | null {
  if (!value.trim()) return required ? { key: 'validation.required' } : null;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? null : { key: 'webhooks.badUrl' };
  } catch {
    return { key: 'webhooks.badUrl' };
  }
}

const checkEnv = (value: string): Problem | null => (!value.trim() || /^[A-Z_][A-Z0-9_]{0,99}$/.test(value.trim()) ? null : { key: 'webhooks.badEnv' });

/** A webhook's address, format, signing secret variable, note and on/off. */
export function WebhookForm(props: { initial?: WebhookFieldsFragment; busy: boolean; error: CombinedError | null; onSubmit: (v: WebhookFormValues) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const [url, setUrl] = createSignal('');
  const [format, setFormat] = createSignal<WebhookFormat>(props.initial?.format ?? 'JSON');
  const [secretEnv, setSecretEnv] = createSignal(props.initial?.secretEnv ?? '');
  const [description, setDescription] = createSignal(props.initial?.description ?? '');
  const [enabled, setEnabled] = createSignal(props.initial?.enabled ?? true);
  const errors = createFormErrors({ error: () => props.error, fields: ['url', 'secretEnv', 'description'] });
  const submit = () => {
    if (!errors.check({ url: checkUrl(url(), !props.initial), secretEnv: format() === 'JSON' ? checkEnv(secretEnv()) : null })) return false;
    props.onSubmit({ url: url().trim(), format: format(), secretEnv: format() === 'JSON' ? secretEnv().trim() : '', description: description().trim(), enabled: enabled() });
  };
  return (
    <Form onSubmit={submit} error={errors.general()} refusal={props.error}>
      <TextField
        label={t('webhooks.url')}
        name="url"
        type="url"
        value={url()}
        placeholder={props.initial ? props.initial.url : 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…'}
        hint={props.initial ? t('webhooks.urlKeep') : t('webhooks.urlHint')}
        onValue={(v) => (setUrl(v), errors.edited('url'))}
        error={errors.message('url')}
        data-autofocus
      />
      <SelectField
        label={t('webhooks.format')}
        name="format"
        value={format()}
        onValue={(v) => setFormat(v as WebhookFormat)}
        options={[
          { value: 'JSON', label: t('webhooks.format.JSON') },
          { value: 'WECOM', label: t('webhooks.format.WECOM') },
        ]}
      />
      <Show when={format() === 'JSON'}>
        <TextField
          label={t('webhooks.secretEnv')}
          name="secretEnv"
          optional
          value={secretEnv()}
          hint={t('webhooks.secretEnvHint')}
          onValue={(v) => (setSecretEnv(v), errors.edited('secretEnv'))}
          error={errors.message('secretEnv')}
        />
      </Show>
      <TextField label={t('webhooks.description')} name="description" optional value={description()} onValue={(v) => (setDescription(v), errors.edited('description'))} error={errors.message('description')} />
      <CheckField label={t('webhooks.enabled')} description={t('webhooks.enabledHint')} checked={enabled()} onChange={setEnabled} name="enabled" />
      <FormActions busy={props.busy} onCancel={props.onCancel} submitLabel={props.initial ? t('common.save') : t('common.create')} />
    </Form>
  );
}
