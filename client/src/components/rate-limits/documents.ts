import { graphql } from '../../gql/index.ts';

export const RateLimitFieldsFragment = graphql(`
  fragment RateLimitFields on RateLimit {
    scope
    targetId
    requestsPerMinute
    tokensPerMinute
    updatedAt
  }
`);

export const RateLimitsQuery = graphql(`
  query RateLimits($scope: RateLimitScope, $targetId: ID) {
    rateLimits(scope: $scope, targetId: $targetId) {
      ...RateLimitFields
    }
  }
`);

export const SetRateLimitMutation = graphql(`
  mutation SetRateLimit($scope: RateLimitScope!, $targetId: ID!, $requestsPerMinute: Int, $tokensPerMinute: Long) {
    setRateLimit(scope: $scope, targetId: $targetId, requestsPerMinute: $requestsPerMinute, tokensPerMinute: $tokensPerMinute) {
      ...RateLimitFields
    }
  }
`);

export const ClearRateLimitMutation = graphql(`
  mutation ClearRateLimit($scope: RateLimitScope!, $targetId: ID!) {
    clearRateLimit(scope: $scope, targetId: $targetId)
  }
`);
