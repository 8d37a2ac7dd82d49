import { graphql } from '../../gql/index.ts';

export const AuditPageQuery = graphql(`
  query AuditPage($filter: AuditFilter, $first: Int, $after: String) {
    auditLog(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        node {
          id
          at
          action
          userId
          user {
            id
            name
            email
          }
          targetType
          targetId
          metadata
          model
          provider
          inputTokens
          outputTokens
          latencyMs
        }
      }
    }
  }
`);

export const AuditActorsQuery = graphql(`
  query AuditActors {
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
