import type { Component } from 'solid-js';
import type { IconName } from '../../components/Icon.tsx';
import type { MessageKey } from '../../i18n/index.tsx';

/**
 * The dashboard's panels beyond the summary cards. Each is one component; a
 * section whose `component` is null is shown as clearly reserved, never with
 * made-up data. To fill one in when its API exists (providers, budgets, DLP,
 * chat), write `pages/Dashboard/sections/<Name>.tsx` with its own documents
 * and set `component` here.
 */
export interface DashboardSection {
  id: 'providers' | 'budgets' | 'dlp' | 'playground';
  title: MessageKey;
  /** What the section waits for, for the reserved placeholder. */
  waitsFor: MessageKey;
  icon: IconName;
  /** Two columns wide on large screens. */
  wide?: boolean;
  component: Component | null;
}

export const DASHBOARD_SECTIONS: readonly DashboardSection[] = [
  { id: 'providers', title: 'dashboard.providers', waitsFor: 'dashboard.providersWhat', icon: 'server', component: null },
  { id: 'budgets', title: 'dashboard.budgets', waitsFor: 'dashboard.budgetsWhat', icon: 'wallet', component: null },
  { id: 'dlp', title: 'dashboard.dlp', waitsFor: 'dashboard.dlpWhat', icon: 'lock', component: null },
  { id: 'playground', title: 'dashboard.playground', waitsFor: 'dashboard.playgroundWhat', icon: 'message', component: null },
];
