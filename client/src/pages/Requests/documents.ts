import { graphql } from '../../gql/index.ts';

export const RequestLogPageQuery = graphql(`
  query RequestLogPage($filter: RequestLogFilter, $first: Int, $after: String) {
    requestLog(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        ...PageFields
      }
      edges {
        node {
          id
          at
          user {
            id
            name
            email
          }
          apiKeyPrefix
          apiKeyName
          model
          provider
          outcome
          reason
          inputTokens
          outputTokens
          cost
          latencyMs
          attempts {
            provider
            model
            code
            error
          }
        }
      }
    }
  }
`);

export const RequestLogOptionsQuery = graphql(`
  query RequestLogOptions {
    models {
      name
    }
    prices {
      model
      currency
    }
  }
`);
