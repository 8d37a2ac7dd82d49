import { graphql } from '../../gql/index.ts';

export const PriceFieldsFragment = graphql(`
  fragment PriceFields on ModelPrice {
    model
    inputPerMillion
    outputPerMillion
    currency
    updatedAt
  }
`);

export const PricesPageQuery = graphql(`
  query PricesPage {
    models {
      name
    }
    prices {
      ...PriceFields
    }
  }
`);

export const SetPriceMutation = graphql(`
  mutation SetPrice($model: String!, $inputPerMillion: Float!, $outputPerMillion: Float!) {
    setPrice(model: $model, inputPerMillion: $inputPerMillion, outputPerMillion: $outputPerMillion) {
      ...PriceFields
    }
  }
`);
