import { createSignal, untrack } from 'solid-js';
import type { MessageKey } from '../i18n/index.tsx';

export interface SessionUser {
  id: string;
  name: string;
  email: string;
}

export interface Session {
  token: string;
  expiresAt: string;
  user: SessionUser;
  /** The gateway refused the token: the pages stay (with whatever was typed) until the user signs in again. */
  expired?: boolean;
}

export const SESSION_STORAGE_KEY = 'zero.console.session';

function load(): Session | null {
  try {
    const raw = localStorage.getItem(SESSION_STORAGE_KEY);
    if (!raw) return null;
    const session = JSON.parse(raw) as Session;
    if (!session.token || new Date(session.expiresAt).getTime() <= Date.now()) return null;
    return session;
  } catch {
    return null;
  }
}

const [session, setSessionSignal] = createSignal<Session | null>(load());
/** Why the user is on the login page, shown there once (e.g. the session expired). */
const [notice, setNotice] = createSignal<MessageKey | null>(null);

export { session, notice };

/**
 * The bearer token, read without tracking: urql runs its exchanges (and so the
 * client's fetchOptions) synchronously inside each query's computation, and a tracked
 * read here would re-run every query on the page whenever the session changed.
 */
export function token(): string | null {
  return untrack(session)?.token ?? null;
}

/** The token while the gateway still takes it: live feeds follow this, so they stop when it is refused and start again after signing in. */
export function liveToken(): string | null {
  const s = session();
  return s && !s.expired ? s.token : null;
}

export function startSession(next: Session) {
  try {
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(next));
  } catch {
    // private mode: the session lasts until reload
  }
  setNotice(null);
  setSessionSignal(next);
}

/**
 * The gateway no longer takes the token. The console stays as it is, so work in a
 * form is not lost, and asks for the password again (SessionGuard); signing in as the
 * same user carries on where they were.
 */
export function expireSession() {
  const current = session();
  if (current && !current.expired) setSessionSignal({ ...current, expired: true });
}

/** Ends the session locally; `reason` is shown on the login page. */
export function endSession(reason: MessageKey | null) {
  try {
    localStorage.removeItem(SESSION_STORAGE_KEY);
  } catch {
    // nothing stored
  }
  setNotice(reason);
  setSessionSignal(null);
}

/** Tests and reloads re-read storage. */
export function reloadSession() {
  setSessionSignal(load());
}
