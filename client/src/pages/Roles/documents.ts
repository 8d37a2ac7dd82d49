import { graphql } from '../../gql/index.ts';

export const RoleFieldsFragment = graphql(`
  fragment RoleFields on Role {
    id
    name
    description
    permissions
    builtIn
    updatedAt
  }
`);

export const RolesPageQuery = graphql(`
  query RolesPage {
    roles {
      ...RoleFields
    }
    permissions {
      name
      group
      description
    }
  }
`);

export const CreateRoleMutation = graphql(`
  mutation CreateRole($input: RoleInput!) {
    createRole(input: $input) {
      ...RoleFields
    }
  }
`);

export const UpdateRoleMutation = graphql(`
  mutation UpdateRole($id: ID!, $input: RoleInput!) {
    updateRole(id: $id, input: $input) {
      ...RoleFields
    }
  }
`);

export const DeleteRoleMutation = graphql(`
  mutation DeleteRole($id: ID!) {
    deleteRole(id: $id)
  }
`);
