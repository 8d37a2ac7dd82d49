import { graphql } from '../../gql/index.ts';

export const UserDetailQuery = graphql(`
  query UserDetail($id: ID!) {
    user(id: $id) {
      ...UserRow
      roles {
        id
        permissions
      }
      updatedAt
      apiKeys(first: 100) {
        totalCount
        edges {
          node {
            ...ApiKeyFields
          }
        }
      }
    }
    roles {
      id
      name
      description
      builtIn
    }
  }
`);

export const UpdateUserMutation = graphql(`
  mutation UpdateUser($id: ID!, $input: UpdateUserInput!) {
    updateUser(id: $id, input: $input) {
      ...UserRow
      updatedAt
    }
  }
`);

export const SetUserStatusMutation = graphql(`
  mutation SetUserStatus($id: ID!, $status: UserStatus!) {
    setUserStatus(id: $id, status: $status) {
      id
      status
      updatedAt
    }
  }
`);

export const DeleteUserMutation = graphql(`
  mutation DeleteUser($id: ID!) {
    deleteUser(id: $id)
  }
`);

export const SetUserRolesMutation = graphql(`
  mutation SetUserRoles($userId: ID!, $roleIds: [ID!]!) {
    setUserRoles(userId: $userId, roleIds: $roleIds) {
      id
      roles {
        id
        name
        builtIn
      }
    }
  }
`);

export const SetQuotaMutation = graphql(`
  mutation SetQuota($userId: ID!, $dailyInputLimit: Long, $dailyOutputLimit: Long) {
    setQuota(userId: $userId, dailyInputLimit: $dailyInputLimit, dailyOutputLimit: $dailyOutputLimit) {
      id
      dailyInputLimit
      dailyOutputLimit
    }
  }
`);
