import { graphql } from '../../gql/index.ts';

export const PricesPageQuery = graphql(`
  query PricesPage {
    models {
      name
    }
    prices {
      model
      inputPerMillion
      outputPerMillion
      currency
      updatedAt
    }
  }
`);

export const SetPriceMutation = graphql(`
  mutation SetPrice($model: String!, $inputPerMillion: Float!, $outputPerMillion: Float!) {
    setPrice(model: $model, inputPerMillion: $inputPerMillion, outputPerMillion: $outputPerMillion) {
      model
      inputPerMillion
      outputPerMillion
      currency
      updatedAt
    }
  }
`);
