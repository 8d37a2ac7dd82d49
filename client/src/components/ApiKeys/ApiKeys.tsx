import { createMutation } from '@urql/solid';
import { createSignal, Show } from 'solid-js';
import type { CombinedError } from '@urql/core';
import type { ApiKeyFieldsFragment } from '../../gql/graphql.ts';
import { data, useI18n } from '../../i18n/index.tsx';
import { confirmAction } from '../ConfirmDialog.tsx';
import { toast } from '../Toasts.tsx';
import { ApiKeyCreatedDialog } from './ApiKeyCreatedDialog.tsx';
import { ApiKeysPanel } from './ApiKeysPanel.tsx';
import { CreateApiKeyMutation, RevokeAllApiKeysMutation, RevokeApiKeyMutation } from './documents.ts';

export interface ApiKeysProps {
  keys: readonly ApiKeyFieldsFragment[];
  /** The owner; null creates keys for the signed-in user (createApiKey without userId). */
  ownerId: string | null;
  hint: string;
  canManage: boolean;
  /** A key was created or revoked: reload the list. */
  onChanged: () => void;
}

/**
 * A user's API keys with everything done to them: create (the secret shown once,
 * with a copy button), and revoke after a confirmation.
 */
export function ApiKeys(props: ApiKeysProps) {
  const { t, tc, tj } = useI18n();
  const [createState, createKey] = createMutation(CreateApiKeyMutation);
  const [, revokeKey] = createMutation(RevokeApiKeyMutation);
  const [, revokeAll] = createMutation(RevokeAllApiKeysMutation);
  const [creating, setCreating] = createSignal(false);
  const [createError, setCreateError] = createSignal<CombinedError | null>(null);
  const [created, setCreated] = createSignal<{ name: string; secret: string } | null>(null);

  const create = async (values: { name: string; expiresAt: string | null }) => {
    setCreateError(null);
    const result = await createKey({ userId: props.ownerId, name: values.name, expiresAt: values.expiresAt });
    if (result.error) return setCreateError(result.error);
    setCreating(false);
    setCreated({ name: values.name, secret: result.data!.createApiKey.secret });
    props.onChanged();
  };
  const revoke = (key: ApiKeyFieldsFragment) =>
    confirmAction({
      title: tj('keys.revokeTitle', { name: data(key.name) }),
      body: t('keys.revokeBody'),
      confirmLabel: t('keys.revoke'),
      danger: true,
      run: async () => {
        const result = await revokeKey({ id: key.id });
        if (result.error) return result.error;
        toast(tj('keys.revokedToast', { name: data(key.name) }));
        props.onChanged();
      },
    });

  // Every active key at once: a lost laptop, someone leaving.
  const revokeEvery = () =>
    confirmAction({
      title: t('keys.revokeAllTitle'),
      body: t('keys.revokeAllBody'),
      confirmLabel: t('keys.revokeAll'),
      danger: true,
      run: async () => {
        const result = await revokeAll({ userId: props.ownerId });
        if (result.error) return result.error;
        toast(tc('keys.revokedAllToast', result.data!.revokeAllApiKeys));
        props.onChanged();
      },
    });

  return (
    <>
      <ApiKeysPanel
        keys={props.keys}
        hint={props.hint}
        canManage={props.canManage}
        creating={creating()}
        onCreateOpen={() => (setCreateError(null), setCreating(true))}
        onCreateClose={() => setCreating(false)}
        createBusy={createState.fetching}
        createError={createError()}
        onCreate={create}
        onRevoke={revoke}
        onRevokeAll={props.keys.some((k) => k.active) ? revokeEvery : undefined}
      />
      <Show when={created()}>{(c) => <ApiKeyCreatedDialog name={c().name} secret={c().secret} onClose={() => setCreated(null)} />}</Show>
    </>
  );
}
