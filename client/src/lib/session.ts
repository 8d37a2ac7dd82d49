import { createSignal } from 'solid-js';
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

export function token(): string | null {
  return session()?.token ?? null;
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
