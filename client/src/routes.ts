import { lazy, type Component } from 'solid-js';
import type { IconName } from './components/Icon.tsx';
import type { NavGroup } from './components/Layout.tsx';
import type { MessageKey } from './i18n/index.tsx';
import type { Viewer } from './lib/viewer.tsx';
import AccountPage from './pages/Account/index.tsx';
import AuditPage from './pages/Audit/index.tsx';
import BudgetsPage from './pages/Budgets/index.tsx';
import DashboardPage from './pages/Dashboard/index.tsx';
import DlpEventsPage from './pages/DlpEvents/index.tsx';
import DlpPoliciesPage from './pages/DlpPolicies/index.tsx';
import PlaygroundPage from './pages/Playground/index.tsx';
import PricesPage from './pages/Prices/index.tsx';
import ProvidersPage from './pages/Providers/index.tsx';
import RolesPage from './pages/Roles/index.tsx';
import UserDetailPage from './pages/UserDetail/index.tsx';
import UsersPage from './pages/Users/index.tsx';

// The pages with charts carry uPlot; they load when first opened.
const UsagePage = lazy(() => import('./pages/Usage/index.tsx'));
const ExecutivePage = lazy(() => import('./pages/Executive/index.tsx'));

export type NavSection = 'overview' | 'access' | 'spend' | 'protection' | 'tools' | 'personal';

export interface RouteDef {
  /** `/users/:id` style. */
  path: string;
  page: Component<Record<string, string>>;
  title: MessageKey;
  icon: IconName;
  section: NavSection;
  /** Shown in the sidebar (detail pages are not). */
  nav: boolean;
  /**
   * Whether the reader's permissions let them use the page at all: the queries it
   * cannot do without. The page itself hides panels and actions beyond that.
   */
  allowed: (viewer: Viewer) => boolean;
}

export const NAV_SECTIONS: readonly NavSection[] = ['overview', 'access', 'spend', 'protection', 'tools', 'personal'];

export const ROUTES: readonly RouteDef[] = [
  { path: '/', page: DashboardPage, title: 'nav.dashboard', icon: 'dashboard', section: 'overview', nav: true, allowed: (v) => v.can('usage:read') },
  { path: '/executive', page: ExecutivePage, title: 'nav.executive', icon: 'trending', section: 'overview', nav: true, allowed: (v) => v.can('executive:read') },
  { path: '/usage', page: UsagePage, title: 'nav.usage', icon: 'chart', section: 'overview', nav: true, allowed: (v) => v.can('usage:read') },
  { path: '/users', page: UsersPage, title: 'nav.users', icon: 'users', section: 'access', nav: true, allowed: (v) => v.can('users:read') },
  { path: '/users/:id', page: UserDetailPage as Component<Record<string, string>>, title: 'nav.users', icon: 'users', section: 'access', nav: false, allowed: (v) => v.can('users:read') },
  { path: '/roles', page: RolesPage, title: 'nav.roles', icon: 'shield', section: 'access', nav: true, allowed: (v) => v.canAny('users:read', 'roles:write') },
  { path: '/budgets', page: BudgetsPage, title: 'nav.budgets', icon: 'wallet', section: 'spend', nav: true, allowed: (v) => v.can('budgets:read') },
  { path: '/prices', page: PricesPage, title: 'nav.prices', icon: 'tag', section: 'spend', nav: true, allowed: (v) => v.can('budgets:read') },
  { path: '/dlp/policies', page: DlpPoliciesPage, title: 'nav.dlpPolicies', icon: 'lock', section: 'protection', nav: true, allowed: (v) => v.can('dlp:read') },
  { path: '/dlp/events', page: DlpEventsPage, title: 'nav.dlpEvents', icon: 'filter', section: 'protection', nav: true, allowed: (v) => v.can('dlp:read') },
  { path: '/audit', page: AuditPage, title: 'nav.audit', icon: 'audit', section: 'protection', nav: true, allowed: (v) => v.can('audit:read') },
  { path: '/providers', page: ProvidersPage, title: 'nav.providers', icon: 'server', section: 'tools', nav: true, allowed: (v) => v.can('providers:read') },
  { path: '/playground', page: PlaygroundPage, title: 'nav.playground', icon: 'message', section: 'tools', nav: true, allowed: (v) => v.can('chat') },
  { path: '/account', page: AccountPage, title: 'nav.account', icon: 'user', section: 'personal', nav: true, allowed: () => true },
];

/** The sidebar the reader's permissions allow, in sections (empty sections left out). */
export function navGroups(viewer: Viewer): NavGroup[] {
  return NAV_SECTIONS.map((section) => ({
    label: `nav.section.${section}` as const,
    items: ROUTES.filter((r) => r.nav && r.section === section && r.allowed(viewer)).map((r) => ({ to: r.path, label: r.title, icon: r.icon })),
  })).filter((g) => g.items.length);
}

/** Where a reader lands: the dashboard when they may see the gateway's usage, else their own account. */
export function homePath(viewer: Viewer): string {
  return viewer.can('usage:read') ? '/' : '/account';
}
