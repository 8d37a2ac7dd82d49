import type { BudgetScope } from '../../gql/graphql.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useRoleName } from '../roles/role-names.ts';

/** What a budget covers, in words: the organisation, a role (built-in ones translated) or a user. */
export function useBudgetName() {
  const { t } = useI18n();
  const roleName = useRoleName();
  return (b: { scope: BudgetScope; user?: { name: string } | null; role?: { name: string; builtIn: boolean } | null }) =>
    b.scope === 'ORGANISATION' ? t('budgets.organisation') : b.scope === 'ROLE' ? (b.role ? roleName(b.role) : t('budgets.deleted')) : (b.user?.name ?? t('budgets.deleted'));
}

/** An alert names its target as text (user e-mail or role name) since the budget may be gone. */
export function useBudgetTargetName() {
  const { t } = useI18n();
  const roleName = useRoleName();
  return (scope: BudgetScope, target: string | null | undefined) =>
    scope === 'ORGANISATION' ? t('budgets.organisation') : !target ? t('budgets.deleted') : scope === 'ROLE' ? roleName({ name: target }) : target;
}
