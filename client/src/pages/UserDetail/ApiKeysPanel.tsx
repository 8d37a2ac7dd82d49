import { createSignal, For, Show } from 'solid-js';
import type { CombinedError } from '@urql/core';
import { Dialog } from '../../components/Dialog.tsx';
import { ErrorNotice, fieldError } from '../../components/ErrorNotice.tsx';
import { TextField } from '../../components/Field.tsx';
import { Icon } from '../../components/Icon.tsx';
import { EmptyState } from '../../components/States.tsx';
import type { ApiKeyFieldsFragment } from '../../gql/graphql.ts';
import { useI18n } from '../../i18n/index.tsx';
import { checkRequired, type Problem } from '../../lib/validate.ts';

export function keyState(key: ApiKeyFieldsFragment): 'active' | 'revoked' | 'expired' {
  if (key.revokedAt) return 'revoked';
  return key.active ? 'active' : 'expired';
}

export function CreateApiKeyForm(props: {
  busy: boolean;
  error: CombinedError | null;
  onSubmit: (values: { name: string; expiresAt: string | null }) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [name, setName] = createSignal('');
  const [expires, setExpires] = createSignal('');
  const [problem, setProblem] = createSignal<Problem | null>(null);
  return (
    <form
      class="form"
      novalidate
      onSubmit={(e) => {
        e.preventDefault();
        const p = checkRequired(name());
        setProblem(p);
        if (p) return;
        // The end of the chosen day in the browser's time zone.
        const expiresAt = expires() ? new Date(`${expires()}T23:59:59`).toISOString() : null;
        props.onSubmit({ name: name().trim(), expiresAt });
      }}
    >
      <Show when={props.error && !fieldError(props.error, 'name')}>
        <ErrorNotice error={props.error!} />
      </Show>
      <TextField
        label={t('keys.name')}
        name="keyName"
        placeholder={t('keys.namePlaceholder')}
        value={name()}
        onValue={setName}
        error={problem() ? t(problem()!.key) : fieldError(props.error, 'name')}
        data-autofocus
      />
      <TextField label={t('keys.expiresAt')} name="expiresAt" type="date" optional value={expires()} onValue={setExpires} hint={t('keys.expiresHint')} />
      <div class="form-actions">
        <button type="button" class="btn btn-secondary" onClick={() => props.onCancel()}>
          {t('common.cancel')}
        </button>
        <button type="submit" class="btn btn-primary" disabled={props.busy}>
          {props.busy ? t('common.saving') : t('keys.create')}
        </button>
      </div>
    </form>
  );
}

export interface ApiKeysPanelProps {
  keys: readonly ApiKeyFieldsFragment[];
  creating: boolean;
  onCreateOpen: () => void;
  onCreateClose: () => void;
  createBusy: boolean;
  createError: CombinedError | null;
  onCreate: (values: { name: string; expiresAt: string | null }) => void;
  onRevoke: (key: ApiKeyFieldsFragment) => void;
}

export function ApiKeysPanel(props: ApiKeysPanelProps) {
  const { t, dateTime, date } = useI18n();
  return (
    <>
      <div class="card-header">
        <div>
          <h2 class="card-title">{t('keys.title')}</h2>
          <p class="card-subtitle">{t('keys.hint')}</p>
        </div>
        <button type="button" class="btn btn-secondary" onClick={() => props.onCreateOpen()}>
          <Icon name="key" size={16} />
          {t('keys.create')}
        </button>
      </div>
      <Show when={props.keys.length} fallback={<EmptyState title={t('keys.empty')} icon="key" />}>
        <div class="table-wrap">
          <table class="table">
            <caption class="sr-only">{t('keys.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('keys.col.name')}</th>
                <th scope="col">{t('keys.col.prefix')}</th>
                <th scope="col">{t('keys.col.state')}</th>
                <th scope="col">{t('keys.col.created')}</th>
                <th scope="col">{t('keys.col.lastUsed')}</th>
                <th scope="col">{t('keys.col.expires')}</th>
                <th scope="col">
                  <span class="sr-only">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              <For each={props.keys}>
                {(key) => (
                  <tr data-testid="api-key-row">
                    <td class="strong">{key.name}</td>
                    <td>
                      <code class="mono">{key.prefix}…</code>
                    </td>
                    <td>
                      <span class={`badge badge-key-${keyState(key)}`}>{t(`keys.${keyState(key)}`)}</span>
                    </td>
                    <td class="nowrap">{dateTime(key.createdAt)}</td>
                    <td class="nowrap">{key.lastUsedAt ? dateTime(key.lastUsedAt) : <span class="muted">{t('common.never')}</span>}</td>
                    <td class="nowrap">{key.expiresAt ? date(key.expiresAt) : <span class="muted">{t('common.never')}</span>}</td>
                    <td class="cell-actions">
                      <Show when={!key.revokedAt}>
                        <button type="button" class="btn btn-ghost-danger btn-sm" onClick={() => props.onRevoke(key)} aria-label={`${t('keys.revoke')} ${key.name}`}>
                          {t('keys.revoke')}
                        </button>
                      </Show>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Show>
      <Show when={props.creating}>
        <Dialog title={t('keys.create')} size="sm" onClose={props.onCreateClose}>
          <CreateApiKeyForm busy={props.createBusy} error={props.createError} onSubmit={props.onCreate} onCancel={props.onCreateClose} />
        </Dialog>
      </Show>
    </>
  );
}
