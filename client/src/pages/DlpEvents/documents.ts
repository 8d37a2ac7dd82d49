import { graphql } from '../../gql/index.ts';

export const DlpEventsPageQuery = graphql(`
  query DlpEventsPage($filter: DlpEventFilter, $first: Int, $after: String) {
    dlpEvents(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        ...PageFields
      }
      edges {
        node {
          ...DlpEventFields
        }
      }
    }
  }
`);
