import type { BudgetFieldsFragment } from '../../gql/graphql.ts';

/** The budgets that limit this user: their own, their roles', and the organisation's. */
export function budgetsFor(budgets: readonly BudgetFieldsFragment[], user: { id: string; roles: readonly { id: string }[] }): BudgetFieldsFragment[] {
  const roleIds = new Set(user.roles.map((r) => r.id));
  return budgets.filter((b) => b.scope === 'ORGANISATION' || (b.scope === 'USER' && b.userId === user.id) || (b.scope === 'ROLE' && b.roleId !== null && roleIds.has(b.roleId!)));
}

export interface Totals {
  inputTokens: number;
  outputTokens: number;
  requests: number;
  cost: number;
}

export function sumTotals(rows: readonly Partial<Totals>[]): Totals {
  return rows.reduce<Totals>(
    (s, r) => ({
      inputTokens: s.inputTokens + (r.inputTokens ?? 0),
      outputTokens: s.outputTokens + (r.outputTokens ?? 0),
      requests: s.requests + (r.requests ?? 0),
      cost: s.cost + (r.cost ?? 0),
    }),
    { inputTokens: 0, outputTokens: 0, requests: 0, cost: 0 },
  );
}
