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
        email
      }
      inputTokens
      outputTokens
      requests
    }
    byUser: usage(filter: $filter, groupBy: [USER]) {
      userId
      user {
        id
        name
        email
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

export const UserPickerQuery = graphql(`
  query UserPicker {
    users(first: 100) {
      edges {
        node {
          id
          name
          email
        }
      }
    }
  }
`);
