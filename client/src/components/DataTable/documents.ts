import { graphql } from '../../gql/index.ts';

/** What the pager needs of a connection's page. */
export const PageFieldsFragment = graphql(`
  fragment PageFields on PageInfo {
    endCursor
    hasNextPage
  }
`);
