import { graphql } from '../../gql/index.ts';

export const UsersPageQuery = graphql(`
  query UsersPage($search: String, $status: UserStatus, $first: Int, $after: String) {
    users(search: $search, status: $status, first: $first, after: $after) {
      totalCount
      pageInfo {
        ...PageFields
      }
      edges {
        cursor
        node {
          ...UserRow
        }
      }
    }
  }
`);

export const RoleOptionsQuery = graphql(`
  query RoleOptions {
    roles {
      id
      name
      description
      builtIn
    }
  }
`);

export const CreateUserMutation = graphql(`
  mutation CreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      ...UserRow
    }
  }
`);
