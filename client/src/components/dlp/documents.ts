import { graphql } from '../../gql/index.ts';

export const DlpEventFieldsFragment = graphql(`
  fragment DlpEventFields on DlpEvent {
    id
    at
    detector
    kind
    action
    count
    model
    user {
      ...UserOption
    }
  }
`);
