import { graphql } from '../../gql/index.ts';

export const WebhookFieldsFragment = graphql(`
  fragment WebhookFields on Webhook {
    id
    url
    hasQuery
    format
    secretEnv
    secretSet
    description
    enabled
    updatedAt
    deliveries(first: 1) {
      totalCount
      edges {
        node {
          at
          ok
        }
      }
    }
  }
`);

export const WebhooksPageQuery = graphql(`
  query WebhooksPage {
    webhooks {
      ...WebhookFields
    }
  }
`);

export const WebhookDeliveriesQuery = graphql(`
  query WebhookDeliveries($id: ID!, $first: Int, $after: String) {
    webhook(id: $id) {
      id
      deliveries(first: $first, after: $after) {
        totalCount
        pageInfo {
          ...PageFields
        }
        edges {
          node {
            id
            at
            kind
            ok
            attempt
            error
            latencyMs
          }
        }
      }
    }
  }
`);

export const CreateWebhookMutation = graphql(`
  mutation CreateWebhook($input: WebhookInput!) {
    createWebhook(input: $input) {
      ...WebhookFields
    }
  }
`);

export const UpdateWebhookMutation = graphql(`
  mutation UpdateWebhook($id: ID!, $input: WebhookInput!) {
    updateWebhook(id: $id, input: $input) {
      ...WebhookFields
    }
  }
`);

export const DeleteWebhookMutation = graphql(`
  mutation DeleteWebhook($id: ID!) {
    deleteWebhook(id: $id)
  }
`);

export const TestWebhookMutation = graphql(`
  mutation TestWebhook($id: ID!) {
    testWebhook(id: $id) {
      ok
      error
      latencyMs
    }
  }
`);
