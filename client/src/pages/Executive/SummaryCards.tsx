import { StatCard } from '../../components/StatCard.tsx';
import type { ExecutiveSummaryQuery } from '../../gql/graphql.ts';
import { errorKindsText } from '../../components/requests/error-kinds.ts';
import { useI18n } from '../../i18n/index.tsx';

export type ExecutiveSummary = ExecutiveSummaryQuery['executiveSummary'];

export interface SummaryCardsProps {
  /** undefined while loading: every card shows a skeleton */
  summary: ExecutiveSummary | undefined;
  /** Over the same range, in `currency`; undefined while loading, null when the reader may not see everyone's usage */
  cost: number | null | undefined;
  /** null before any model price is set */
  currency: string | null;
}

/** The range's headline figures: tokens, requests, cost, active users, error and fallback rates, latency. */
export function SummaryCards(props: SummaryCardsProps) {
  const { t, compact, num, percent, money, locale, currencyName } = useI18n();
  const s = () => props.summary;
  // A local mock answers in well under a millisecond; keep one decimal below 10 ms so it does not read as 0.
  const ms = (value: number | null | undefined) =>
    value == null ? '—' : t('common.ms', { ms: new Intl.NumberFormat(locale(), { maximumFractionDigits: value < 10 ? 1 : 0 }).format(value) });
  return (
    <div class="stat-grid" data-testid="executive-summary">
      <StatCard
        id="tokens"
        label={t('executive.tokens')}
        value={s() ? compact(s()!.inputTokens + s()!.outputTokens) : undefined}
        detail={s() ? t('dashboard.inOut', { input: num(s()!.inputTokens), output: num(s()!.outputTokens) }) : undefined}
        icon="zap"
        tone="indigo"
      />
      <StatCard id="requests" label={t('executive.requests')} value={s() ? num(s()!.requests) : undefined} icon="activity" tone="teal" />
      <StatCard
        id="cost"
        label={t('executive.cost')}
        value={props.cost === undefined ? undefined : props.cost === null ? '—' : money(props.cost, props.currency)}
        detail={props.cost === null ? t('executive.costNeedsUsage') : props.currency ? t('executive.costDetail', { currency: currencyName(props.currency) }) : t('executive.noPrices')}
        icon="wallet"
        tone="amber"
      />
      <StatCard id="active-users" label={t('executive.activeUsers')} value={s() ? num(s()!.activeUsers) : undefined} detail={t('executive.activeUsersHint')} icon="users" tone="rose" />
      <StatCard
        id="error-rate"
        label={t('executive.errorRate')}
        value={s() ? percent(s()!.errorRate) : undefined}
        detail={
          s()
            ? `${t('executive.errorsOf', { count: num(s()!.errors), requests: num(s()!.requests) })} (${errorKindsText(s()!.errorBreakdown, t, num)})`
            : undefined
        }
        icon="alert"
        tone="red"
      />
      <StatCard
        id="fallback-rate"
        label={t('executive.fallbackRate')}
        value={s() ? percent(s()!.fallbackRate) : undefined}
        detail={s() ? t('executive.fallbacksOf', { count: num(s()!.fallbacks), requests: num(s()!.requests) }) : undefined}
        icon="shuffle"
        tone="violet"
      />
      <StatCard id="latency-p50" label={t('executive.p50')} value={s() ? ms(s()!.latencyP50Ms) : undefined} detail={t('executive.latencyHint')} icon="clock" tone="sky" />
      <StatCard id="latency-p95" label={t('executive.p95')} value={s() ? ms(s()!.latencyP95Ms) : undefined} detail={t('executive.latencyHint')} icon="clock" tone="emerald" />
    </div>
  );
}
