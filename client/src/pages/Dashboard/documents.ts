import { graphql } from '../../gql/index.ts';

export const DashboardQuery = graphql(`
  query Dashboard($today: Date!, $monthStart: Date!, $withUsers: Boolean!) {
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
    activeUsers: users(status: ACTIVE, first: 1) @include(if: $withUsers) {
      totalCount
    }
  }
`);
