import { graphql } from '../../gql/index.ts';

export const DlpPoliciesPageQuery = graphql(`
  query DlpPoliciesPage($withRoles: Boolean!) {
    dlpPolicies {
      id
      detector
      action
      roleId
      role {
        id
        name
        builtIn
      }
      updatedAt
    }
    roles @include(if: $withRoles) {
      id
      name
      builtIn
    }
  }
`);

export const SetDlpPolicyMutation = graphql(`
  mutation SetDlpPolicy($detector: DlpDetector!, $action: DlpAction!, $roleId: ID) {
    setDlpPolicy(detector: $detector, action: $action, roleId: $roleId) {
      id
    }
  }
`);

export const ClearDlpPolicyMutation = graphql(`
  mutation ClearDlpPolicy($detector: DlpDetector!, $roleId: ID!) {
    clearDlpPolicy(detector: $detector, roleId: $roleId)
  }
`);
