import type { BudgetAlertFieldsFragment } from '../../gql/graphql.ts';

export type BudgetAlertRow = BudgetAlertFieldsFragment;

/** Newest first, each alert once: live ones may also be in the refetched page. */
export function mergeAlerts(live: readonly BudgetAlertRow[], loaded: readonly BudgetAlertRow[], limit: number): BudgetAlertRow[] {
  const seen = new Set<string>();
  return [...live, ...loaded]
    .filter((a) => !seen.has(a.id) && Boolean(seen.add(a.id)))
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
    .slice(0, limit);
}
