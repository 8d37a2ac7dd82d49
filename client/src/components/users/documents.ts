import { graphql } from '../../gql/index.ts';

export const UserOptionFragment = graphql(`
  fragment UserOption on User {
    id
    name
    email
  }
`);

/** The first hundred users, for pickers (needs users:read). */
export const UserOptionsQuery = graphql(`
  query UserOptions {
    users(first: 100) {
      edges {
        node {
          ...UserOption
        }
      }
    }
  }
`);

export const UserRowFragment = graphql(`
  fragment UserRow on User {
    id
    name
    email
    status
    createdAt
    roles {
      id
      name
      builtIn
    }
    ...TodayAgainstQuota
  }
`);

/** Tokens used today against the daily limits (readable by the user themselves, or with users:read). */
export const TodayAgainstQuotaFragment = graphql(`
  fragment TodayAgainstQuota on User {
    quota {
      id
      dailyInputLimit
      dailyOutputLimit
    }
    todayUsage {
      inputTokens
      outputTokens
      requests
    }
  }
`);
