import type { CombinedError } from '@urql/core';
import type { ProviderHealthQuery } from '../../gql/graphql.ts';
import type { LiveUsage } from './live-usage.ts';

/** What the dashboard page loads once and hands to every section. */
export interface DashboardData {
  providers: { rows: ProviderHealthQuery['providers'] | undefined; error: CombinedError | undefined; onRetry: () => void };
  live: LiveUsage;
}

export interface DashboardSectionProps {
  data: DashboardData;
}
