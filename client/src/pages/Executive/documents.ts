import { graphql } from '../../gql/index.ts';

/** The summary over the range, plus its cost (usage rows carry cost; the summary does not) and the currency prices are set in. */
export const ExecutiveSummaryQuery = graphql(`
  query ExecutiveSummary($range: ExecutiveRange!, $fromDay: Date!, $toDay: Date!, $withCost: Boolean!) {
    executiveSummary(range: $range) {
      from
      to
      inputTokens
      outputTokens
      requests
      errors
      errorRate
      errorBreakdown {
        failed
        quota
        budget
        rateLimit
        dlp
        access
      }
      fallbacks
      fallbackRate
      activeUsers
      latencyP50Ms
      latencyP95Ms
      topUsers {
        userId
        name
        email
        inputTokens
        outputTokens
        requests
        errors
      }
      topModels {
        key
        inputTokens
        outputTokens
        requests
        errors
      }
      topProviders {
        key
        inputTokens
        outputTokens
        requests
        errors
      }
      dlpEvents {
        detector
        action
        events
        hits
      }
    }
    cost: usage(filter: { from: $fromDay, to: $toDay }) @include(if: $withCost) {
      cost
    }
    prices {
      model
      currency
    }
  }
`);

export const ExecutiveTrendsQuery = graphql(`
  query ExecutiveTrends($range: ExecutiveRange!, $granularity: ExecutiveTrendGranularity!, $by: ExecutiveTrendDimension!, $limit: Int) {
    executiveTrends(range: $range, granularity: $granularity, by: $by, limit: $limit) {
      bucket
      key
      label
      inputTokens
      outputTokens
      requests
      errors
    }
  }
`);
