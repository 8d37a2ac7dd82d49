import { graphql } from '../../gql/index.ts';

export const BudgetsPageQuery = graphql(`
  query BudgetsPage($withRoles: Boolean!) {
    budgets {
      ...BudgetFields
    }
    prices {
      currency
    }
    roles @include(if: $withRoles) {
      id
      name
      builtIn
    }
  }
`);

export const BudgetAlertsPageQuery = graphql(`
  query BudgetAlertsPage($first: Int, $after: String) {
    budgetAlerts(first: $first, after: $after) {
      totalCount
      pageInfo {
        ...PageFields
      }
      edges {
        node {
          ...BudgetAlertFields
        }
      }
    }
  }
`);

export const CreateBudgetMutation = graphql(`
  mutation CreateBudget($input: CreateBudgetInput!) {
    createBudget(input: $input) {
      ...BudgetFields
    }
  }
`);

export const UpdateBudgetMutation = graphql(`
  mutation UpdateBudget($id: ID!, $input: UpdateBudgetInput!) {
    updateBudget(id: $id, input: $input) {
      ...BudgetFields
    }
  }
`);

export const DeleteBudgetMutation = graphql(`
  mutation DeleteBudget($id: ID!) {
    deleteBudget(id: $id)
  }
`);
