import type { Component } from 'solid-js';
import type { CombinedError } from '@urql/core';
import type { IconName } from '../../components/Icon.tsx';
import type { MessageKey } from '../../i18n/index.tsx';
import type { LiveUsage } from './live-usage.ts';
import { Activity } from './sections/Activity.tsx';
import { Budgets } from './sections/Budgets.tsx';
import { DlpEvents } from './sections/DlpEvents.tsx';
import { PlaygroundLink } from './sections/PlaygroundLink.tsx';
import { ProviderHealth } from './sections/ProviderHealth.tsx';
import type { ProviderRow } from './sections/ProviderHealthTable.tsx';

/** What the dashboard page loads once and hands to every section. */
export interface DashboardData {
  providers: { rows: readonly ProviderRow[] | undefined; error: CombinedError | undefined; onRetry: () => void };
  live: LiveUsage;
}

export interface DashboardSectionProps {
  data: DashboardData;
}

/**
 * The dashboard's panels beyond the summary cards. Each is one component; a
 * section whose `component` is null is shown as clearly reserved, never with
 * made-up data. To fill one in when its API exists, write
 * `pages/Dashboard/sections/<Name>.tsx`, put its documents in
 * `sections/documents.ts`, load them in the page's `DashboardData`, and set
 * `component` here.
 */
export interface DashboardSection {
  id: 'providers' | 'activity' | 'budgets' | 'dlp' | 'playground';
  title: MessageKey;
  /** One line under the title, e.g. the time window the figures cover. */
  hint?: MessageKey;
  /** What the section waits for, for the reserved placeholder. */
  waitsFor?: MessageKey;
  icon: IconName;
  /** Two columns wide on large screens. */
  wide?: boolean;
  /** The body runs edge to edge (tables). */
  flush?: boolean;
  /** Shows whether the live feed is connected. */
  live?: boolean;
  component: Component<DashboardSectionProps> | null;
}

export const DASHBOARD_SECTIONS: readonly DashboardSection[] = [
  { id: 'providers', title: 'dashboard.providers', hint: 'dashboard.providersWindow', icon: 'server', wide: true, flush: true, component: ProviderHealth },
  { id: 'activity', title: 'dashboard.activity', hint: 'dashboard.activityHint', icon: 'activity', wide: true, flush: true, live: true, component: Activity },
  { id: 'playground', title: 'dashboard.playground', icon: 'message', wide: true, component: PlaygroundLink },
  { id: 'budgets', title: 'dashboard.budgets', hint: 'dashboard.budgetsHint', icon: 'wallet', wide: true, component: Budgets },
  { id: 'dlp', title: 'dashboard.dlp', hint: 'dashboard.dlpHint', icon: 'lock', wide: true, flush: true, component: DlpEvents },
];
