import { graphql } from '../../../gql/index.ts';

export const ProviderHealthQuery = graphql(`
  query ProviderHealth {
    providers {
      id
      plugin
      available
      loadError
      circuit
      errorRate
      p50LatencyMs
      requests
    }
  }
`);

export const DashboardUsageEventsSubscription = graphql(`
  subscription DashboardUsageEvents {
    usageEvents {
      at
      userId
      user {
        id
        name
        email
      }
      model
      provider
      inputTokens
      outputTokens
      outcome
      fellBack
      latencyMs
    }
  }
`);

export const DlpEventsQuery = graphql(`
  query DashboardDlpEvents {
    dlpEvents(first: 8) {
      totalCount
      edges {
        node {
          id
          at
          detector
          kind
          action
          count
          model
          user {
            id
            name
            email
          }
        }
      }
    }
  }
`);

export const DashboardBudgetsQuery = graphql(`
  query DashboardBudgets {
    budgets {
      id
      scope
      amount
      currency
      hardStop
      thresholds
      user {
        id
        name
        email
      }
      role {
        id
        name
      }
      status {
        period
        spent
        percent
        exceeded
        thresholdsCrossed
        resetsAt
      }
    }
    budgetAlerts(first: 6) {
      totalCount
      edges {
        node {
          ...DashboardBudgetAlert
        }
      }
    }
  }
`);

export const DashboardBudgetAlertFragment = graphql(`
  fragment DashboardBudgetAlert on BudgetAlert {
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

export const DashboardBudgetAlertsSubscription = graphql(`
  subscription DashboardBudgetAlerts {
    budgetAlerts {
      ...DashboardBudgetAlert
    }
  }
`);
