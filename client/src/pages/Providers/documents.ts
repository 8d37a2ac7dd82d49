import { graphql } from '../../gql/index.ts';

export const ProviderFieldsFragment = graphql(`
  fragment ProviderFields on Provider {
    id
    plugin
    baseUrl
    options
    apiKeySet
    apiKeyLast4
    apiKeyEnv
    maxConcurrent
    enabled
    editable
    available
    loadError
  }
`);

export const ModelFieldsFragment = graphql(`
  fragment ModelFields on Model {
    name
    editable
    primary {
      provider
      model
      capabilities {
        vision
        tools
        json
        embeddings
      }
    }
    fallbacks {
      provider
      model
      capabilities {
        vision
        tools
        json
        embeddings
      }
    }
    capabilities {
      vision
      tools
      json
      embeddings
    }
    configuredCapabilities {
      vision
      tools
      json
      embeddings
      contextWindow
      maxOutputTokens
    }
  }
`);

export const ProvidersPageQuery = graphql(`
  query ProvidersPage {
    providersSource
    providerPlugins {
      id
      description
    }
    providers {
      ...ProviderFields
    }
    models {
      ...ModelFields
    }
  }
`);

export const CreateProviderMutation = graphql(`
  mutation CreateProvider($input: CreateProviderInput!) {
    createProvider(input: $input) {
      ...ProviderFields
    }
  }
`);

export const UpdateProviderMutation = graphql(`
  mutation UpdateProvider($id: String!, $input: UpdateProviderInput!) {
    updateProvider(id: $id, input: $input) {
      ...ProviderFields
    }
  }
`);

export const DeleteProviderMutation = graphql(`
  mutation DeleteProvider($id: String!) {
    deleteProvider(id: $id)
  }
`);

export const TestProviderMutation = graphql(`
  mutation TestProvider($id: String!) {
    testProvider(id: $id) {
      ok
      latencyMs
      error
      models
    }
  }
`);

export const CreateModelMutation = graphql(`
  mutation CreateModel($input: CreateModelInput!) {
    createModel(input: $input) {
      ...ModelFields
    }
  }
`);

export const UpdateModelMutation = graphql(`
  mutation UpdateModel($name: String!, $input: UpdateModelInput!) {
    updateModel(name: $name, input: $input) {
      ...ModelFields
    }
  }
`);

export const DeleteModelMutation = graphql(`
  mutation DeleteModel($name: String!) {
    deleteModel(name: $name)
  }
`);
