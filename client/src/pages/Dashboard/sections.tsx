import type { Component } from 'solid-js';
import type { IconName } from '../../components/Icon.tsx';
import type { MessageKey } from '../../i18n/index.tsx';
import type { Viewer } from '../../lib/viewer.tsx';
import type { DashboardSectionProps } from './dashboard-data.ts';
import { Activity } from './sections/Activity.tsx';
import { Budgets } from './sections/Budgets.tsx';
import { DlpEvents } from './sections/DlpEvents.tsx';
import { PlaygroundLink } from './sections/PlaygroundLink.tsx';
import { ProviderHealth } from './sections/ProviderHealth.tsx';

/**
 * The dashboard's panels beyond the summary cards. Each is one component; a
 * section whose `component` is null is shown as clearly reserved, never with
 * made-up data. To fill one in when its API exists, write
 * `pages/Dashboard/sections/<Name>.tsx`, put its documents in
 * `sections/documents.ts`, load them in the page's `DashboardData` (`dashboard-data.ts`), and set
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
  /** Whether the reader's permissions cover what the section reads (otherwise it is left out, never shown refused). */
  allowed: (viewer: Viewer) => boolean;
}

export const DASHBOARD_SECTIONS: readonly DashboardSection[] = [
  { id: 'providers', title: 'dashboard.providers', hint: 'dashboard.providersWindow', icon: 'server', wide: true, flush: true, component: ProviderHealth, allowed: (v) => v.can('providers:read') },
  { id: 'activity', title: 'dashboard.activity', hint: 'dashboard.activityHint', icon: 'activity', wide: true, flush: true, live: true, component: Activity, allowed: (v) => v.can('usage:read') },
  { id: 'playground', title: 'dashboard.playground', icon: 'message', wide: true, component: PlaygroundLink, allowed: (v) => v.can('chat') },
  { id: 'budgets', title: 'dashboard.budgets', hint: 'dashboard.budgetsHint', icon: 'wallet', wide: true, component: Budgets, allowed: (v) => v.can('budgets:read') },
  { id: 'dlp', title: 'dashboard.dlp', hint: 'dashboard.dlpHint', icon: 'lock', wide: true, flush: true, component: DlpEvents, allowed: (v) => v.can('dlp:read') },
];
