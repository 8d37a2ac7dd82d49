import { For, Show } from 'solid-js';
import type { CombinedError } from '@urql/core';
import { Card } from '../../components/Card.tsx';
import { actionsColumn, EditDeleteButtons } from '../../components/DataTable/columns.tsx';
import { DataTable, type Column } from '../../components/DataTable/DataTable.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { Icon } from '../../components/Icon.tsx';
import { usePermissionText, useRoleDescription, useRoleName } from '../../components/roles/role-names.ts';
import { PageHeader } from '../../components/States.tsx';
import type { RoleFieldsFragment } from '../../gql/graphql.ts';
import { data, useI18n } from '../../i18n/index.tsx';
import type { PermissionInfo } from './PermissionEditor.tsx';
import { RoleForm, type RoleFormValues } from './RoleForm.tsx';
import { RateLimitPanel } from '../../components/rate-limits/RateLimitPanel.tsx';
import './Roles.css';

export interface RolesViewProps {
  roles: readonly RoleFieldsFragment[] | undefined;
  permissions: readonly PermissionInfo[];
  error: CombinedError | undefined;
  onRetry: () => void;
  /** Creating, editing and deleting roles needs roles:write. */
  canWrite: boolean;
  /** null: closed; 'new': create; a role: edit */
  editing: RoleFieldsFragment | 'new' | null;
  onEdit: (role: RoleFieldsFragment | 'new' | null) => void;
  saveBusy: boolean;
  saveError: CombinedError | null;
  onSave: (values: RoleFormValues) => void;
  onDelete: (role: RoleFieldsFragment) => void;
  /** Each role's rate limit by role id; null when the reader may not see them (users:read or quotas:write). */
  rateLimits: ReadonlyMap<string, { requestsPerMinute?: number | null; tokensPerMinute?: number | null }> | null;
  /** quotas:write: a button per role opens its rate limit. */
  canLimit: boolean;
  limiting: RoleFieldsFragment | null;
  onLimit: (role: RoleFieldsFragment | null) => void;
  onLimitChanged: () => void;
}

export function RolesView(props: RolesViewProps) {
  const { t, tc, tj, num } = useI18n();
  const roleName = useRoleName();
  const roleDescription = useRoleDescription();
  const permission = usePermissionText();
  const columns = (): Column<RoleFieldsFragment>[] => [
    {
      id: 'name',
      header: t('roles.col.role'),
      rowHeader: true,
      sortValue: (r) => roleName(r),
      cell: (role) => (
        <span class="role-cell">
          <span class="icon-tile" style={{ '--tile': '34px' }} aria-hidden="true">
            <Icon name="shield" size={18} />
          </span>
          <span class="stacked">
            <span>
              <span class="role-name" translate={role.builtIn ? undefined : 'no'}>
                {roleName(role)}
              </span>{' '}
              <Show when={role.builtIn}>
                <span class="badge badge-neutral">{t('roles.builtIn')}</span>
              </Show>
            </span>
            <span class="role-description" translate={role.builtIn ? undefined : 'no'}>
              {roleDescription(role) || '—'}
            </span>
          </span>
        </span>
      ),
    },
    {
      id: 'permissions',
      header: t('roles.permissions'),
      sortValue: (r) => r.permissions.length,
      cell: (role) => (
        <span class="role-permissions">
          <span class="role-count">{role.permissions.length ? tc('roles.permissionsCount', role.permissions.length) : t('roles.noPermissions')}</span>
          <span class="chips">
            <For each={role.permissions}>{(p) => <span class="chip" title={p}>{permission.label(p)}</span>}</For>
          </span>
        </span>
      ),
    },
    ...(props.rateLimits
      ? [
          {
            id: 'rate-limit',
            header: t('rateLimits.title'),
            cell: (role: RoleFieldsFragment) => {
              const limit = props.rateLimits!.get(role.id);
              const perMinute = (v: number | null | undefined) => (v == null ? t('rateLimits.unlimited') : num(v));
              return (
                <span class="nowrap" data-testid="role-rate-limit">
                  {limit ? t('rateLimits.current', { requests: perMinute(limit.requestsPerMinute), tokens: perMinute(limit.tokensPerMinute) }) : <span class="muted">{t('rateLimits.none')}</span>}
                  <Show when={props.canLimit}>
                    {' '}
                    <button type="button" class="btn btn-ghost btn-sm" data-testid="role-rate-limit-edit" aria-label={`${t('rateLimits.edit')}: ${roleName(role)}`} onClick={() => props.onLimit(role)}>
                      <Icon name="edit" size={14} />
                      {t('rateLimits.edit')}
                    </button>
                  </Show>
                </span>
              );
            },
          } satisfies Column<RoleFieldsFragment>,
        ]
      : []),
    ...actionsColumn<RoleFieldsFragment>(props.canWrite, t('common.actions'), (role) => (
      <EditDeleteButtons name={roleName(role)} onEdit={() => props.onEdit(role)} onDelete={role.builtIn ? undefined : () => props.onDelete(role)} />
    )),
  ];
  return (
    <section class="page">
      <PageHeader
        title={t('roles.title')}
        subtitle={t('roles.subtitle')}
        actions={
          <Show when={props.canWrite}>
            <button type="button" class="btn btn-primary" onClick={() => props.onEdit('new')}>
              <Icon name="plus" size={16} />
              {t('roles.add')}
            </button>
          </Show>
        }
      />
      <Card>
        <DataTable
          caption={t('roles.title')}
          columns={columns()}
          rows={props.roles}
          error={props.error}
          onRetry={props.onRetry}
          rowTestId="role-row"
          rowProps={(r) => ({ 'data-role': r.name })}
          empty={{ title: t('roles.empty'), icon: 'shield' }}
        />
      </Card>
      <Show when={props.limiting}>
        {(role) => (
          <Dialog title={tj('rateLimits.editTitle', { name: role().builtIn ? roleName(role()) : data(role().name) })} size="md" onClose={() => props.onLimit(null)}>
            <RateLimitPanel scope="ROLE" targetId={role().id} canWrite={props.canLimit} hint={t('rateLimits.roleHint')} onChanged={props.onLimitChanged} />
          </Dialog>
        )}
      </Show>
      <Show when={props.editing}>
        {(editing) => {
          const role = editing() === 'new' ? undefined : (editing() as RoleFieldsFragment);
          return (
            <Dialog title={role ? tj('roles.editTitle', { name: role.builtIn ? roleName(role) : data(role.name) }) : t('roles.createTitle')} size="lg" onClose={() => props.onEdit(null)}>
              <RoleForm
                initial={role && { name: role.name, description: roleDescription(role), permissions: [...role.permissions], builtIn: role.builtIn }}
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
    </section>
  );
}
