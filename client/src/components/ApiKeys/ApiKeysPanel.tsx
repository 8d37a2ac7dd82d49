import { createSignal, Show } from 'solid-js';
import type { CombinedError } from '@urql/core';
import { useI18n } from '../../i18n/index.tsx';
import { checkRequired } from '../../lib/validate.ts';
import { Card } from '../Card.tsx';
import { actionsColumn } from '../DataTable/columns.tsx';
import { DataTable, type Column } from '../DataTable/DataTable.tsx';
import { Dialog } from '../Dialog.tsx';
import { TextField } from '../Field.tsx';
import { Form, FormActions } from '../Form.tsx';
import { createFormErrors } from '../form-errors.ts';
import { Icon } from '../Icon.tsx';
import type { ApiKeyFieldsFragment } from '../../gql/graphql.ts';
import './ApiKeys.css';

export function keyState(key: ApiKeyFieldsFragment): 'active' | 'revoked' | 'expired' {
  if (key.revokedAt) return 'revoked';
  return key.active ? 'active' : 'expired';
}

/** A key's refusals that no field carries: too many active keys. */
const KEY_ERRORS = { CONFLICT: 'error.CONFLICT.tooManyKeys' } as const;

export function CreateApiKeyForm(props: {
  busy: boolean;
  error: CombinedError | null;
  onSubmit: (values: { name: string; expiresAt: string | null }) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [name, setName] = createSignal('');
  const [expires, setExpires] = createSignal('');
  const errors = createFormErrors({ error: () => props.error, fields: ['name', 'expiresAt'], context: KEY_ERRORS });
  return (
    <Form
      onSubmit={() => {
        if (!errors.check({ name: checkRequired(name()) })) return false;
        // The end of the chosen day in the browser's time zone.
        const expiresAt = expires() ? new Date(`${expires()}T23:59:59`).toISOString() : null;
        props.onSubmit({ name: name().trim(), expiresAt });
      }}
      error={errors.general()} refusal={props.error}
      errorContext={KEY_ERRORS}
    >
      <TextField
        label={t('keys.name')}
        name="keyName"
        placeholder={t('keys.namePlaceholder')}
        value={name()}
        onValue={(v) => (setName(v), errors.edited('name'))}
        error={errors.message('name')}
        data-autofocus
      />
      <TextField
        label={t('keys.expiresAt')}
        name="expiresAt"
        type="date"
        optional
        value={expires()}
        onValue={(v) => (setExpires(v), errors.edited('expiresAt'))}
        error={errors.message('expiresAt')}
        hint={t('keys.expiresHint')}
      />
      <FormActions busy={props.busy} onCancel={props.onCancel} submitLabel={t('keys.create')} />
    </Form>
  );
}

export interface ApiKeysPanelProps {
  keys: readonly ApiKeyFieldsFragment[];
  /** Whose keys these are, in the subtitle. */
  hint: string;
  /** Create and revoke: your own keys, or anyone's with apikeys:write. */
  canManage: boolean;
  creating: boolean;
  onCreateOpen: () => void;
  onCreateClose: () => void;
  createBusy: boolean;
  createError: CombinedError | null;
  onCreate: (values: { name: string; expiresAt: string | null }) => void;
  onRevoke: (key: ApiKeyFieldsFragment) => void;
  /** Revokes every active key (undefined: there is none). */
  onRevokeAll?: () => void;
}

export function ApiKeysPanel(props: ApiKeysPanelProps) {
  const { t, dateTime, date } = useI18n();
  const columns = (): Column<ApiKeyFieldsFragment>[] => [
    { id: 'name', header: t('keys.col.name'), rowHeader: true, sortValue: (k) => k.name, cell: (k) => <span class="strong" translate="no">{k.name}</span> },
    { id: 'prefix', header: t('keys.col.prefix'), cell: (k) => <code class="mono">{k.prefix}…</code> },
    { id: 'state', header: t('keys.col.state'), sortValue: (k) => keyState(k), cell: (k) => <span class={`badge badge-key-${keyState(k)}`}>{t(`keys.${keyState(k)}`)}</span> },
    { id: 'created', header: t('keys.col.created'), class: 'nowrap', sortValue: (k) => k.createdAt, cell: (k) => dateTime(k.createdAt) },
    {
      id: 'lastUsed',
      header: t('keys.col.lastUsed'),
      class: 'nowrap',
      sortValue: (k) => k.lastUsedAt,
      cell: (k) => (k.lastUsedAt ? dateTime(k.lastUsedAt) : <span class="muted">{t('keys.neverUsed')}</span>),
    },
    {
      id: 'expires',
      header: t('keys.col.expires'),
      class: 'nowrap',
      sortValue: (k) => k.expiresAt,
      cell: (k) => (k.expiresAt ? date(k.expiresAt) : <span class="muted">{t('keys.noExpiry')}</span>),
    },
    ...actionsColumn<ApiKeyFieldsFragment>(props.canManage, t('common.actions'), (k) => (
      <Show when={!k.revokedAt}>
        <button type="button" class="btn btn-ghost-danger btn-sm" onClick={() => props.onRevoke(k)} aria-label={t('keys.revokeNamed', { name: k.name })}>
          {t('keys.revoke')}
        </button>
      </Show>
    )),
  ];
  return (
    <Card
      title={t('keys.title')}
      subtitle={props.hint}
      testId="api-keys"
      actions={
        <Show when={props.canManage}>
          <Show when={props.onRevokeAll}>
            <button type="button" class="btn btn-ghost-danger" onClick={() => props.onRevokeAll?.()}>
              {t('keys.revokeAll')}
            </button>
          </Show>
          <button type="button" class="btn btn-secondary" onClick={() => props.onCreateOpen()}>
            <Icon name="key" size={16} />
            {t('keys.create')}
          </button>
        </Show>
      }
    >
      <DataTable
        caption={t('keys.title')}
        columns={columns()}
        rows={props.keys}
        rowTestId="api-key-row"
        defaultSort={{ column: 'created', direction: 'desc' }}
        pageSize={10}
        empty={{ title: t('keys.empty'), icon: 'key' }}
      />
      <Show when={props.creating}>
        <Dialog title={t('keys.create')} size="sm" onClose={props.onCreateClose}>
          <CreateApiKeyForm busy={props.createBusy} error={props.createError} onSubmit={props.onCreate} onCancel={props.onCreateClose} />
        </Dialog>
      </Show>
    </Card>
  );
}
