import { createSignal, For, onCleanup, Show, type ParentProps } from 'solid-js';
import { useI18n, type MessageKey } from '../i18n/index.tsx';
import { Link, path } from '../lib/router.tsx';
import { Icon, type IconName } from './Icon.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { Avatar } from './users/UserCell.tsx';
import './Layout.css';

export interface NavItem {
  to: string;
  label: MessageKey;
  icon: IconName;
}

export interface NavGroup {
  label: MessageKey;
  items: readonly NavItem[];
}

export interface ShellUser {
  name: string;
  email: string;
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
        <Avatar name={props.user.name} />
        <span class="user-menu-name" translate="no">
          {props.user.name}
        </span>
        <Icon name="chevronDown" size={16} />
      </button>
      <Show when={open()}>
        <div class="menu" role="menu" aria-label={t('header.userMenu')}>
          <div class="menu-header">
            <span class="menu-caption">{t('header.signedInAs')}</span>
            <span class="menu-email" translate="no">
              {props.user.email}
            </span>
          </div>
          <Link to="/account" role="menuitem" class="menu-item" onClick={() => setOpen(false)}>
            <Icon name="user" size={16} />
            {t('nav.account')}
          </Link>
          <button type="button" role="menuitem" class="menu-item" onClick={() => props.onLogout()}>
            <Icon name="logout" size={16} />
            {t('header.logout')}
          </button>
        </div>
      </Show>
    </div>
  );
}

const isActive = (to: string, current: string) => (to === '/' ? current === '/' : current === to || current.startsWith(`${to}/`));

/** Sidebar navigation (only what the reader may open), header with language switch and user menu, and the page in between. */
export function AppShell(props: ParentProps<{ user: ShellUser; nav: readonly NavGroup[]; onLogout: () => void }>) {
  const { t } = useI18n();
  const [navOpen, setNavOpen] = createSignal(false);
  const title = () => props.nav.flatMap((g) => g.items).find((i) => isActive(i.to, path()))?.label ?? 'app.console';
  return (
    <div class="shell" classList={{ 'nav-open': navOpen() }}>
      <a class="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <aside class="sidebar">
        <div class="brand">
          <span class="brand-mark" aria-hidden="true" translate="no">
            Z
          </span>
          <span class="brand-text">
            <span class="brand-name">{t('app.name')}</span>
            <span class="brand-sub">{t('app.console')}</span>
          </span>
        </div>
        <nav aria-label={t('nav.main')} id="main-nav" class="nav">
          <For each={props.nav}>
            {(group) => (
              <div class="nav-group">
                <p class="nav-group-label">{t(group.label)}</p>
                <ul class="nav-list">
                  <For each={group.items}>
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
              </div>
            )}
          </For>
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
          <div class="topbar-title">{t(title())}</div>
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
