import { graphql } from '../../gql/index.ts';

export const BudgetFieldsFragment = graphql(`
  fragment BudgetFields on Budget {
    id
    scope
    amount
    currency
    hardStop
    thresholds
    userId
    roleId
    user {
      id
      name
      email
    }
    role {
      id
      name
      builtIn
    }
    status {
      period
      spent
      remaining
      percent
      exceeded
      thresholdsCrossed
      resetsAt
    }
  }
`);

export const BudgetAlertFieldsFragment = graphql(`
  fragment BudgetAlertFields on BudgetAlert {
    id
    at
    threshold
    scope
    target
    spent
    amount
    currency
    period
    budgetId
    deliveries {
      status
      format
      url
      attempts
      lastError
      deliveredAt
    }
  }
`);

export const BudgetAlertsLiveSubscription = graphql(`
  subscription BudgetAlertsLive {
    budgetAlerts {
      ...BudgetAlertFields
    }
  }
`);
