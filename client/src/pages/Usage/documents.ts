import { graphql } from '../../gql/index.ts';

export const UsagePageQuery = graphql(`
  query UsagePage($filter: UsageFilter!, $groupBy: [UsageGroupBy!]!) {
    series: usage(filter: $filter, groupBy: $groupBy) {
      day
      model
      userId
      user {
        id
        name
      }
      inputTokens
      outputTokens
    }
    byUser: usage(filter: $filter, groupBy: [USER]) {
      userId
      user {
        ...UserOption
      }
      inputTokens
      outputTokens
      requests
    }
    byModel: usage(filter: $filter, groupBy: [MODEL]) {
      model
      inputTokens
      outputTokens
      requests
    }
  }
`);
