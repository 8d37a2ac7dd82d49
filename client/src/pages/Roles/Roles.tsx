import { For, Match, Show, Switch } from 'solid-js';
import type { CombinedError } from '@urql/core';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Icon } from '../../components/Icon.tsx';
import { EmptyState, Loading, PageHeader } from '../../components/States.tsx';
import type { RoleFieldsFragment } from '../../gql/graphql.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { PermissionInfo } from './PermissionEditor.tsx';
import { RoleForm, type RoleFormValues } from './RoleForm.tsx';

export interface RolesViewProps {
  roles: readonly RoleFieldsFragment[] | undefined;
  permissions: readonly PermissionInfo[];
  error: CombinedError | undefined;
  onRetry: () => void;
  /** null: closed; 'new': create; a role: edit */
  editing: RoleFieldsFragment | 'new' | null;
  onEdit: (role: RoleFieldsFragment | 'new' | null) => void;
  saveBusy: boolean;
  saveError: CombinedError | null;
  onSave: (values: RoleFormValues) => void;
  deleting: RoleFieldsFragment | null;
  onDeleteAsk: (role: RoleFieldsFragment | null) => void;
  deleteBusy: boolean;
  deleteError: CombinedError | null;
  onDeleteConfirm: () => void;
}

export function RolesView(props: RolesViewProps) {
  const { t } = useI18n();
  return (
    <section class="page">
      <PageHeader
        title={t('roles.title')}
        subtitle={t('roles.subtitle')}
        actions={
          <button type="button" class="btn btn-primary" onClick={() => props.onEdit('new')}>
            <Icon name="plus" size={16} />
            {t('roles.add')}
          </button>
        }
      />
      <Switch>
        <Match when={props.error}>{(error) => <ErrorNotice error={error()} onRetry={props.onRetry} />}</Match>
        <Match when={!props.roles}>
          <div class="card">
            <Loading />
          </div>
        </Match>
        <Match when={props.roles!.length === 0}>
          <div class="card">
            <EmptyState title={t('roles.empty')} icon="shield" />
          </div>
        </Match>
        <Match when={props.roles}>
          <div class="role-grid">
            <For each={props.roles}>
              {(role) => (
                <article class="card card-pad role-card" data-testid="role-card">
                  <header class="role-card-header">
                    <div class="role-card-title">
                      <span class="role-icon" aria-hidden="true">
                        <Icon name="shield" size={18} />
                      </span>
                      <h2>{role.name}</h2>
                      <Show when={role.builtIn}>
                        <span class="badge badge-neutral">{t('roles.builtIn')}</span>
                      </Show>
                    </div>
                    <div class="role-card-actions">
                      <button type="button" class="btn btn-secondary btn-sm" onClick={() => props.onEdit(role)} aria-label={`${t('common.edit')} ${role.name}`}>
                        <Icon name="edit" size={14} />
                        {t('common.edit')}
                      </button>
                      <Show when={!role.builtIn}>
                        <button type="button" class="btn btn-ghost-danger btn-sm" onClick={() => props.onDeleteAsk(role)} aria-label={`${t('common.delete')} ${role.name}`}>
                          <Icon name="trash" size={14} />
                          {t('common.delete')}
                        </button>
                      </Show>
                    </div>
                  </header>
                  <p class="role-description">{role.description || '—'}</p>
                  <p class="role-count">{role.permissions.length ? t('roles.permissionsCount', { count: role.permissions.length }) : t('roles.noPermissions')}</p>
                  <div class="chips">
                    <For each={role.permissions}>{(p) => <code class="chip chip-mono">{p}</code>}</For>
                  </div>
                </article>
              )}
            </For>
          </div>
        </Match>
      </Switch>
      <Show when={props.editing}>
        {(editing) => {
          const role = editing() === 'new' ? undefined : (editing() as RoleFieldsFragment);
          return (
            <Dialog title={role ? t('roles.editTitle', { name: role.name }) : t('roles.createTitle')} size="lg" onClose={() => props.onEdit(null)}>
              <RoleForm
                initial={role && { name: role.name, description: role.description, permissions: [...role.permissions], builtIn: role.builtIn }}
                permissions={props.permissions}
                busy={props.saveBusy}
                error={props.saveError}
                onSubmit={props.onSave}
                onCancel={() => props.onEdit(null)}
              />
            </Dialog>
          );
        }}
      </Show>
      <Show when={props.deleting}>
        {(role) => (
          <ConfirmDialog
            title={t('roles.deleteTitle', { name: role().name })}
            body={t('roles.deleteBody')}
            confirmLabel={t('common.delete')}
            danger
            busy={props.deleteBusy}
            error={props.deleteError}
            errorTitle={t('roles.deleteRefused')}
            onConfirm={props.onDeleteConfirm}
            onClose={() => props.onDeleteAsk(null)}
          />
        )}
      </Show>
    </section>
  );
}
