import { graphql } from '../../gql/index.ts';

export const AccountQuery = graphql(`
  query Account($userId: ID!, $from: Date!, $to: Date!, $withBudgets: Boolean!) {
    me {
      id
      name
      email
      createdAt
      roles {
        id
        name
        builtIn
        permissions
      }
      ...TodayAgainstQuota
      apiKeys(first: 100) {
        edges {
          node {
            ...ApiKeyFields
          }
        }
      }
    }
    month: usage(filter: { userId: $userId, from: $from, to: $to }) {
      inputTokens
      outputTokens
      requests
      cost
    }
    daily: usage(filter: { userId: $userId, from: $from, to: $to }, groupBy: [DAY]) {
      day
      inputTokens
      outputTokens
    }
    byModel: usage(filter: { userId: $userId, from: $from, to: $to }, groupBy: [MODEL]) {
      model
      inputTokens
      outputTokens
      requests
      cost
    }
    prices {
      currency
    }
    budgets @include(if: $withBudgets) {
      ...BudgetFields
    }
  }
`);

export const UpdateProfileMutation = graphql(`
  mutation UpdateProfile($id: ID!, $input: UpdateUserInput!) {
    updateUser(id: $id, input: $input) {
      id
      name
      email
      updatedAt
    }
  }
`);
