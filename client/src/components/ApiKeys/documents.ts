import { graphql } from '../../gql/index.ts';

export const ApiKeyFieldsFragment = graphql(`
  fragment ApiKeyFields on ApiKey {
    id
    name
    prefix
    active
    createdAt
    lastUsedAt
    expiresAt
    revokedAt
  }
`);

export const CreateApiKeyMutation = graphql(`
  mutation CreateApiKey($userId: ID, $name: String!, $expiresAt: DateTime) {
    createApiKey(userId: $userId, name: $name, expiresAt: $expiresAt) {
      secret
      apiKey {
        ...ApiKeyFields
      }
    }
  }
`);

export const RevokeAllApiKeysMutation = graphql(`
  mutation RevokeAllApiKeys($userId: ID) {
    revokeAllApiKeys(userId: $userId)
  }
`);

export const RevokeApiKeyMutation = graphql(`
  mutation RevokeApiKey($id: ID!) {
    revokeApiKey(id: $id) {
      ...ApiKeyFields
    }
  }
`);
