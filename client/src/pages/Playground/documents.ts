import { graphql } from '../../gql/index.ts';

export const PlaygroundModelsQuery = graphql(`
  query PlaygroundModels {
    models {
      name
      primary {
        provider
        model
      }
      fallbacks {
        provider
        model
      }
    }
  }
`);

export const ChatAttemptFields = graphql(`
  fragment ChatAttemptFields on ChatAttempt {
    provider
    model
    error
    code
    status
    latencyMs
  }
`);

export const ChatResultFields = graphql(`
  fragment ChatResultFields on ChatResult {
    text
    usage {
      inputTokens
      outputTokens
    }
    provider
    model
    requestedModel
    attempts {
      ...ChatAttemptFields
    }
    latencyMs
    finishReason
    toolCalls {
      id
      name
      arguments
    }
    requestId
    auditId
  }
`);

export const ChatStreamSubscription = graphql(`
  subscription ChatStream($input: ChatInput!) {
    chat(input: $input) {
      __typename
      ... on ChatDelta {
        text
      }
      ... on ChatCompleted {
        result {
          ...ChatResultFields
        }
      }
    }
  }
`);
