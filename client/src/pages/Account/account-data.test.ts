import { describe, expect, it } from 'vitest';
import type { BudgetFieldsFragment } from '../../gql/graphql.ts';
import { budgetsFor, sumTotals } from './account-data.ts';

const budget = (id: string, scope: BudgetFieldsFragment['scope'], over: Partial<BudgetFieldsFragment> = {}) => ({ id, scope, userId: null, roleId: null, ...over }) as BudgetFieldsFragment;

describe('account data', () => {
  it("keeps the budgets that limit the user: their own, their roles' and the organisation's", () => {
    const all = [
      budget('org', 'ORGANISATION'),
      budget('mine', 'USER', { userId: 'u1' }),
      budget('other-user', 'USER', { userId: 'u2' }),
      budget('my-role', 'ROLE', { roleId: 'r1' }),
      budget('other-role', 'ROLE', { roleId: 'r9' }),
    ];
    expect(budgetsFor(all, { id: 'u1', roles: [{ id: 'r1' }] }).map((b) => b.id)).toEqual(['org', 'mine', 'my-role']);
  });

  it('sums usage rows, missing figures as zero', () => {
    expect(sumTotals([{ inputTokens: 3, outputTokens: 2, requests: 1, cost: 0.5 }, { inputTokens: 1 }])).toEqual({ inputTokens: 4, outputTokens: 2, requests: 1, cost: 0.5 });
  });
});
