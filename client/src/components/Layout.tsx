import { createSignal, For, onCleanup, Show, type ParentProps } from 'solid-js';
import { useI18n, type MessageKey } from '../i18n/index.tsx';
import { Link, path } from '../lib/router.tsx';
import { Icon, type IconName } from './Icon.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';

export interface NavItem {
  to: string;
  label: MessageKey;
  icon: IconName;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { to: '/', label: 'nav.dashboard', icon: 'dashboard' },
  { to: '/users', label: 'nav.users', icon: 'users' },
  { to: '/roles', label: 'nav.roles', icon: 'shield' },
  { to: '/executive', label: 'nav.executive', icon: 'trending' },
  { to: '/usage', label: 'nav.usage', icon: 'chart' },
  { to: '/playground', label: 'nav.playground', icon: 'message' },
  { to: '/audit', label: 'nav.audit', icon: 'audit' },
];

export interface ShellUser {
  name: string;
  email: string;
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  const letters = parts.length > 1 ? parts[0][0] + parts[parts.length - 1][0] : name.trim().slice(0, 2);
  return letters.toUpperCase();
}

function UserMenu(props: { user: ShellUser; onLogout: () => void }) {
  const { t } = useI18n();
  const [open, setOpen] = createSignal(false);
  let root!: HTMLDivElement;
  let button!: HTMLButtonElement;
  const onDocumentClick = (e: MouseEvent) => {
    if (open() && !root.contains(e.target as Node)) setOpen(false);
  };
  document.addEventListener('mousedown', onDocumentClick);
  onCleanup(() => document.removeEventListener('mousedown', onDocumentClick));
  const toggle = () => {
    setOpen(!open());
    if (open()) queueMicrotask(() => root.querySelector<HTMLElement>('[role="menuitem"]')?.focus());
  };
  return (
    <div
      class="user-menu"
      ref={root}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open()) {
          setOpen(false);
          button.focus();
        }
      }}
    >
      <button
        ref={button}
        type="button"
        class="user-menu-button"
        aria-haspopup="menu"
        aria-expanded={open()}
        aria-label={`${t('header.userMenu')}: ${props.user.name}`}
        onClick={toggle}
      >
        <span class="avatar" aria-hidden="true">
          {initials(props.user.name)}
        </span>
        <span class="user-menu-name">{props.user.name}</span>
        <Icon name="chevronDown" size={16} />
      </button>
      <Show when={open()}>
        <div class="menu" role="menu" aria-label={t('header.userMenu')}>
          <div class="menu-header">
            <span class="menu-caption">{t('header.signedInAs')}</span>
            <span class="menu-email">{props.user.email}</span>
          </div>
          <button type="button" role="menuitem" class="menu-item" onClick={() => props.onLogout()}>
            <Icon name="logout" size={16} />
            {t('header.logout')}
          </button>
        </div>
      </Show>
    </div>
  );
}

/** Sidebar navigation, header with language switch and user menu, and the page in between. */
export function AppShell(props: ParentProps<{ user: ShellUser; onLogout: () => void }>) {
  const { t } = useI18n();
  const [navOpen, setNavOpen] = createSignal(false);
  const current = () => path();
  return (
    <div class="shell" classList={{ 'nav-open': navOpen() }}>
      <a class="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <aside class="sidebar">
        <div class="brand">
          <span class="brand-mark" aria-hidden="true">
            Z
          </span>
          <span class="brand-text">
            <span class="brand-name">{t('app.name')}</span>
            <span class="brand-sub">{t('app.console')}</span>
          </span>
        </div>
        <nav aria-label={t('nav.main')} id="main-nav">
          <ul class="nav-list">
            <For each={NAV_ITEMS}>
              {(item) => (
                <li>
                  <Link to={item.to} activePrefix={item.to} class="nav-link" onClick={() => setNavOpen(false)}>
                    <Icon name={item.icon} />
                    <span>{t(item.label)}</span>
                  </Link>
                </li>
              )}
            </For>
          </ul>
        </nav>
      </aside>
      <div class="nav-scrim" onClick={() => setNavOpen(false)} aria-hidden="true" />
      <div class="main-column">
        <header class="topbar">
          <button
            type="button"
            class="icon-button nav-toggle"
            aria-label={t('nav.toggle')}
            aria-controls="main-nav"
            aria-expanded={navOpen()}
            onClick={() => setNavOpen(!navOpen())}
          >
            <Icon name="menu" />
          </button>
          <div class="topbar-title">{t(NAV_ITEMS.find((i) => (i.to === '/' ? current() === '/' : current().startsWith(i.to)))?.label ?? 'app.console')}</div>
          <div class="topbar-actions">
            <LanguageSwitch />
            <UserMenu user={props.user} onLogout={props.onLogout} />
          </div>
        </header>
        <main id="main" class="content" tabindex="-1">
          {props.children}
        </main>
      </div>
    </div>
  );
}
