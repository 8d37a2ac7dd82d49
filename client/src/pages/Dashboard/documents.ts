import { graphql } from '../../gql/index.ts';

export const DashboardQuery = graphql(`
  query Dashboard($today: Date!, $monthStart: Date!, $withUsers: Boolean!, $dayStart: DateTime!, $dayEnd: DateTime!) {
    today: usage(filter: { from: $today, to: $today }) {
      inputTokens
      outputTokens
      requests
    }
    month: usage(filter: { from: $monthStart, to: $today }) {
      inputTokens
      outputTokens
      requests
    }
    daily: usage(filter: { from: $monthStart, to: $today }, groupBy: [DAY]) {
      day
      inputTokens
      outputTokens
    }
    requestStats(from: $dayStart, to: $dayEnd) {
      requests
      errors
      errorRate
      errorBreakdown {
        failed
        quota
        budget
        rateLimit
        dlp
        access
      }
    }
    activeUsers: users(status: ACTIVE, first: 1) @include(if: $withUsers) {
      totalCount
    }
  }
`);
