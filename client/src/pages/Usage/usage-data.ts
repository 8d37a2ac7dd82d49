import type { UsagePageQuery } from '../../gql/graphql.ts';

export interface BreakdownRow {
  key: string;
  label: string;
  sublabel?: string;
  inputTokens: number;
  outputTokens: number;
  requests: number;
}

export function byUserRows(rows: UsagePageQuery['byUser'], unknownUser: string): BreakdownRow[] {
  return rows
    .map((r) => ({
      key: r.userId ?? '—',
      label: r.user?.name ?? unknownUser,
      sublabel: r.user?.email,
      inputTokens: r.inputTokens,
      outputTokens: r.outputTokens,
      requests: r.requests,
    }))
    .sort((a, b) => b.inputTokens + b.outputTokens - (a.inputTokens + a.outputTokens));
}

export function byModelRows(rows: UsagePageQuery['byModel']): BreakdownRow[] {
  return rows
    .map((r) => ({ key: r.model ?? '—', label: r.model ?? '—', inputTokens: r.inputTokens, outputTokens: r.outputTokens, requests: r.requests }))
    .sort((a, b) => b.inputTokens + b.outputTokens - (a.inputTokens + a.outputTokens));
}
