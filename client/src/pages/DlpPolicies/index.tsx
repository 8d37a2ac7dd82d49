import { createMutation, createQuery } from '@urql/solid';
import { createMemo } from 'solid-js';
import { confirmAction } from '../../components/ConfirmDialog.tsx';
import { useDetectorName } from '../../components/dlp/DlpBadges.tsx';
import { useRoleName } from '../../components/roles/role-names.ts';
import { toast } from '../../components/Toasts.tsx';
import type { DlpDetector } from '../../gql/graphql.ts';
import { data, useI18n } from '../../i18n/index.tsx';
import { useViewer } from '../../lib/viewer.tsx';
import { DlpPoliciesView, type PolicyChoice } from './DlpPolicies.tsx';
import { ClearDlpPolicyMutation, DlpPoliciesPageQuery, SetDlpPolicyMutation } from './documents.ts';
import { columnKey, policyMatrix, type PolicyColumn } from './policy-matrix.ts';

export default function DlpPoliciesPage() {
  const { t, tj } = useI18n();
  const viewer = useViewer();
  const detectorName = useDetectorName();
  const roleName = useRoleName();
  const withRoles = viewer.canAny('users:read', 'roles:write');
  const [query, refetch] = createQuery({ query: DlpPoliciesPageQuery, variables: { withRoles } });
  const [, setPolicy] = createMutation(SetDlpPolicyMutation);
  const [, clearPolicy] = createMutation(ClearDlpPolicyMutation);
  const matrix = createMemo(() => (query.data ? policyMatrix(query.data.dlpPolicies, query.data.roles ?? undefined) : undefined));

  const label = (choice: PolicyChoice) => (choice ? t(`dlp.action.${choice}`) : t('dlpPolicies.inherits'));
  // What a detector does decides what people may send: every change is named and confirmed first.
  const change = (detector: DlpDetector, column: PolicyColumn, choice: PolicyChoice) => {
    const before = matrix()?.rows.find((r) => r.detector === detector)?.actions[columnKey(column.roleId)];
    if ((before ?? '') === choice) return;
    const scope = column.role ? (column.role.builtIn ? roleName(column.role) : data(column.role.name)) : t('dlpPolicies.organisation');
    confirmAction({
      title: tj('dlpPolicies.confirmTitle', { detector: detectorName(detector), scope }),
      body: t('dlpPolicies.confirmBody', { from: before ? label(before) : t('dlpPolicies.notSet'), to: label(choice) }),
      confirmLabel: t('common.save'),
      danger: choice === 'BLOCK',
      run: async () => {
        const result = choice ? await setPolicy({ detector, action: choice, roleId: column.roleId }) : await clearPolicy({ detector, roleId: column.roleId! });
        if (result.error) return result.error;
        toast(t('dlpPolicies.saved'));
        refetch({ requestPolicy: 'network-only' });
      },
    });
  };

  return (
    <DlpPoliciesView
      columns={matrix()?.columns ?? []}
      rows={matrix()?.rows}
      error={query.error}
      onRetry={() => refetch({ requestPolicy: 'network-only' })}
      canWrite={viewer.can('dlp:write')}
      onChange={change}
    />
  );
}
