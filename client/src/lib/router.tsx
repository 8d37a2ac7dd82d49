import { createSignal, splitProps, type JSX } from 'solid-js';

/**
 * A deliberately small history router: the console has a few dozen screens and no
 * nested layouts, so a path signal, a query signal and a matcher are all it needs.
 */
const BASE = (import.meta.env?.BASE_URL ?? '/').replace(/\/$/, '');

function currentPath(): string {
  if (typeof location === 'undefined') return '/';
  const path = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) : location.pathname;
  return path || '/';
}

function currentSearch(): string {
  return typeof location === 'undefined' ? '' : location.search;
}

const [path, setPath] = createSignal(currentPath());
const [search, setSearch] = createSignal(currentSearch());
if (typeof window !== 'undefined')
  window.addEventListener('popstate', () => {
    setPath(currentPath());
    setSearch(currentSearch());
  });

export { path };

/** The query string of the current address as a plain record (first value of each name). */
export function query(): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(search()));
}

export function href(to: string): string {
  return `${BASE}${to.startsWith('/') ? to : `/${to}`}`;
}

/** `to` may carry a query string (`/audit?action=login`). */
export function navigate(to: string, options: { replace?: boolean } = {}) {
  const [nextPath, nextQuery = ''] = to.split('?');
  const nextSearch = nextQuery ? `?${nextQuery}` : '';
  if (nextPath === path() && nextSearch === search()) return;
  if (options.replace) history.replaceState(null, '', href(to));
  else history.pushState(null, '', href(to));
  const samePage = nextPath === path();
  setPath(nextPath);
  setSearch(nextSearch);
  if (!samePage) window.scrollTo?.(0, 0);
}

/**
 * Changes some query parameters of the current address in place (an empty value
 * removes one), without a new history entry: filters are part of the address, so a
 * reload or a shared link opens the same view, but Back still leaves the page.
 */
export function setQuery(patch: Record<string, string | null | undefined>) {
  const params = new URLSearchParams(search());
  for (const [name, value] of Object.entries(patch)) {
    if (value === null || value === undefined || value === '') params.delete(name);
    else params.set(name, value);
  }
  const text = params.toString();
  navigate(text ? `${path()}?${text}` : path(), { replace: true });
}

/** `/users/:id` against `/users/42` gives `{ id: '42' }`; no match gives null. */
export function matchPath(pattern: string, actual: string): Record<string, string> | null {
  const names: string[] = [];
  // Each `:name` matches one path segment; everything else must be equal.
  const source = pattern
    .split('/')
    .map((part) => (part.startsWith(':') ? (names.push(part.slice(1)), '([^/]+)') : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  const match = new RegExp(`^${source}/?$`).exec(actual);
  return match ? Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1])])) : null;
}

export function Link(props: JSX.AnchorHTMLAttributes<HTMLAnchorElement> & { to: string; activePrefix?: string }) {
  const [own, rest] = splitProps(props, ['to', 'activePrefix', 'onClick', 'class']);
  const active = () => {
    const prefix = own.activePrefix;
    if (prefix === undefined) return false;
    return prefix === '/' ? path() === '/' : path() === prefix || path().startsWith(`${prefix}/`);
  };
  return (
    <a
      {...rest}
      href={href(own.to)}
      class={own.class}
      classList={{ active: active() }}
      aria-current={active() ? 'page' : undefined}
      onClick={(event) => {
        if (typeof own.onClick === 'function') (own.onClick as (e: MouseEvent) => void)(event);
        if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        navigate(own.to);
      }}
    />
  );
}
