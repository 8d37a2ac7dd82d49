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
          ...DlpEventFields
        }
      }
    }
  }
`);

export const DashboardBudgetsQuery = graphql(`
  query DashboardBudgets {
    budgets {
      ...BudgetFields
    }
    budgetAlerts(first: 6) {
      totalCount
      edges {
        node {
          ...BudgetAlertFields
        }
      }
    }
  }
`);
