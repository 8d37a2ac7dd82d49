import { graphql } from '../gql/index.ts';

export const LoginMutation = graphql(`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      token
      expiresAt
    }
  }
`);

export const LogoutMutation = graphql(`
  mutation Logout {
    logout
  }
`);

export const MeQuery = graphql(`
  query Me {
    me {
      id
      name
      email
    }
  }
`);
