import { For, lazy, Show, Suspense } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import type { CombinedError } from '@urql/core';
import { Card } from '../../components/Card.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Icon } from '../../components/Icon.tsx';
import { StatCard, type StatCardProps } from '../../components/StatCard.tsx';
import { Loading, PageHeader } from '../../components/States.tsx';
import type { ChartSeries } from '../../components/charts/chart-series.ts';
import { errorKindsText, type ErrorBreakdown } from '../../components/requests/error-kinds.ts';
import { useI18n } from '../../i18n/index.tsx';
import { Link } from '../../lib/router.tsx';
import { useViewer } from '../../lib/viewer.tsx';
import type { LiveCounts } from './live-usage.ts';
import type { DashboardData } from './dashboard-data.ts';
import type { DashboardSection } from './sections.tsx';
import './Dashboard.css';

// uPlot loads with the first chart, not with the console.
const UsageChart = lazy(() => import('../../components/charts/UsageChart.tsx').then((m) => ({ default: m.UsageChart })));

export interface Totals {
  inputTokens: number;
  outputTokens: number;
  requests: number;
}

export interface DashboardViewProps {
  error: CombinedError | undefined;
  onRetry: () => void;
  today: Totals | undefined;
  month: Totals | undefined;
  monthStart: string;
  /** null: not shown (listing users needs users:read); undefined while loading. */
  activeUsers: number | null | undefined;
  trend: { days: string[]; series: ChartSeries[] } | undefined;
  /** Chats seen on the live feed since the page opened. */
  live: LiveCounts;
  /** Today's requests and errors by kind, refusals included; undefined while loading. */
  requestStats?: { requests: number; errors: number; errorRate: number; errorBreakdown: ErrorBreakdown };
  /** Providers available with the circuit closed, of all; undefined while loading, null when not shown (providers:read). */
  providerHealth: { healthy: number; total: number } | null | undefined;
  sections: readonly DashboardSection[];
  data: DashboardData;
}

export function ReservedSection(props: { section: DashboardSection }) {
  const { t } = useI18n();
  return (
    <div class="reserved">
      <span class="icon-tile icon-tile-muted" style={{ '--tile': '42px' }} aria-hidden="true">
        <Icon name={props.section.icon} size={22} />
      </span>
      <p class="reserved-text">{t('dashboard.reservedNote', { what: props.section.waitsFor ? t(props.section.waitsFor) : '' })}</p>
    </div>
  );
}

export function DashboardView(props: DashboardViewProps) {
  const { t, compact, num, date, percent } = useI18n();
  const viewer = useViewer();
  const tokens = (x: Totals | undefined) => (x ? compact(x.inputTokens + x.outputTokens) : undefined);
  const inOut = (x: Totals | undefined) => (x ? t('dashboard.inOut', { input: compact(x.inputTokens), output: compact(x.outputTokens) }) : undefined);
  const sections = () => props.sections.filter((s) => s.allowed(viewer));
  // The headline figures; the user and provider counts only for readers who may see them.
  const cards = (): StatCardProps[] => [
    { id: 'tokens-today', label: t('dashboard.tokensToday'), value: tokens(props.today), detail: inOut(props.today), icon: 'zap', tone: 'indigo' },
    { id: 'requests-today', label: t('dashboard.requestsToday'), value: props.today && compact(props.today.requests), icon: 'activity', tone: 'teal' },
    { id: 'tokens-month', label: t('dashboard.tokensMonth'), value: tokens(props.month), detail: inOut(props.month), icon: 'calendar', tone: 'amber' },
    {
      id: 'requests-month',
      label: t('dashboard.requestsMonth'),
      value: props.month && compact(props.month.requests),
      detail: t('dashboard.sinceMonthStart', { date: date(props.monthStart) }),
      icon: 'chart',
      tone: 'sky',
    },
    ...(props.activeUsers === null
      ? []
      : [{ id: 'active-users', label: t('dashboard.activeUsers'), value: props.activeUsers === undefined ? undefined : compact(props.activeUsers), detail: t('dashboard.activeUsersHint'), icon: 'users' as const, tone: 'rose' }]),
    {
      id: 'error-rate',
      label: t('dashboard.errorRate'),
      value: props.requestStats && (props.requestStats.requests ? percent(props.requestStats.errorRate) : '—'),
      detail:
        props.requestStats &&
        t('dashboard.errorRateToday', {
          errors: num(props.requestStats.errors),
          requests: num(props.requestStats.requests),
          kinds: errorKindsText(props.requestStats.errorBreakdown, t, num),
        }),
      icon: 'alert',
      tone: 'red',
    },
    {
      id: 'fallbacks',
      label: t('dashboard.fallbacks'),
      value: num(props.live.fellBack),
      detail: t('dashboard.fallbacksDetail', { count: num(props.live.fellBack), chats: num(props.live.chats) }),
      icon: 'shuffle',
      tone: 'violet',
    },
    ...(props.providerHealth === null
      ? []
      : [
          {
            id: 'healthy-providers',
            label: t('dashboard.healthyProviders'),
            value: props.providerHealth && t('dashboard.healthyProvidersOf', { healthy: num(props.providerHealth.healthy), total: num(props.providerHealth.total) }),
            detail: t('dashboard.healthyProvidersHint'),
            icon: 'server' as const,
            tone: 'emerald',
          },
        ]),
  ];
  return (
    <section class="page">
      <PageHeader title={t('dashboard.title')} subtitle={t('dashboard.subtitle')} />
      <Show when={props.error}>{(error) => <ErrorNotice error={error()} onRetry={props.onRetry} />}</Show>
      <div class="stat-grid">
        <For each={cards()}>{(card) => <StatCard {...card} />}</For>
      </div>

      <Card
        title={t('dashboard.trend')}
        actions={
          <Link to="/usage" class="text-link">
            {t('nav.usage')} →
          </Link>
        }
      >
        <div class="chart-area chart-area-sm">
          <Show when={props.trend} fallback={<Loading />}>
            {(trend) => (
              <Suspense fallback={<Loading />}>
                <UsageChart days={trend().days} series={trend().series} kind="bars" height={220} label={t('dashboard.trend')} />
              </Suspense>
            )}
          </Show>
        </div>
      </Card>

      <div class="section-grid">
        <For each={sections()}>
          {(section) => (
            <section class="card section-card" classList={{ 'section-wide': Boolean(section.wide) }} aria-labelledby={`section-${section.id}`} data-section={section.id}>
              <div class="card-header">
                <div>
                  <h2 class="card-title" id={`section-${section.id}`}>
                    {t(section.title)}
                  </h2>
                  <Show when={section.hint}>{(hint) => <p class="card-subtitle">{t(hint())}</p>}</Show>
                </div>
                <Show when={!section.component}>
                  <span class="badge badge-neutral">{t('dashboard.reserved')}</span>
                </Show>
                <Show when={section.live}>
                  <span class={`live-pill ${props.data.live.connected() ? 'live-on' : 'live-off'}`} data-testid="live-pill">
                    {t(props.data.live.connected() ? 'dashboard.live' : 'dashboard.liveOff')}
                  </span>
                </Show>
              </div>
              <Show
                when={section.component}
                fallback={
                  <div class="card-pad">
                    <ReservedSection section={section} />
                  </div>
                }
              >
                {(component) => (
                  <div classList={{ 'card-pad': !section.flush }}>
                    <Dynamic component={component()} data={props.data} />
                  </div>
                )}
              </Show>
            </section>
          )}
        </For>
      </div>
    </section>
  );
}
