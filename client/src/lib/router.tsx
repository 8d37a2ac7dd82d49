import { createSignal, splitProps, type JSX } from 'solid-js';

/**
 * A deliberately small history router: the console has a handful of screens and no
 * nested layouts, so a path signal and a matcher are all it needs.
 */
const BASE = (import.meta.env?.BASE_URL ?? '/').replace(/\/$/, '');

function currentPath(): string {
  if (typeof location === 'undefined') return '/';
  const path = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) : location.pathname;
  return path || '/';
}

const [path, setPath] = createSignal(currentPath());
if (typeof window !== 'undefined') window.addEventListener('popstate', () => setPath(currentPath()));

export { path };

export function href(to: string): string {
  return `${BASE}${to.startsWith('/') ? to : `/${to}`}`;
}

export function navigate(to: string, options: { replace?: boolean } = {}) {
  if (to === path()) return;
  if (options.replace) history.replaceState(null, '', href(to));
  else history.pushState(null, '', href(to));
  setPath(to);
  window.scrollTo?.(0, 0);
}

/** `/users/:id` against `/users/42` gives `{ id: '42' }`; no match gives null. */
export function matchPath(pattern: string, actual: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const got = actual.split('/').filter(Boolean);
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(':')) params[want[i].slice(1)] = decodeURIComponent(got[i]);
    else if (want[i] !== got[i]) return null;
  }
  return params;
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
