import { cleanup, render } from '@solidjs/testing-library';
import { afterEach } from 'vitest';
import type { JSX } from 'solid-js';
import { I18nProvider, type Locale } from '../i18n/index.tsx';
import { createViewer, ViewerProvider, type Permission, type Viewer } from '../lib/viewer.tsx';

// Vitest runs without globals here, so the library cannot register its own cleanup.
afterEach(cleanup);

export const ALL_PERMISSIONS: Permission[] = [
  'users:read',
  'users:write',
  'roles:write',
  'quotas:write',
  'apikeys:write',
  'usage:read',
  'audit:read',
  'dlp:read',
  'dlp:write',
  'budgets:read',
  'budgets:write',
  'executive:read',
  'providers:read',
  'providers:write',
  'chat',
];

/** A signed-in viewer holding `permissions` (all of them unless asked). */
export function testViewer(permissions: readonly Permission[] = ALL_PERMISSIONS, id = 'me'): Viewer {
  return createViewer({ id, name: 'Test Admin', email: 'admin@example.com', roles: [{ id: 'r', name: 'test', builtIn: false, permissions: [...permissions] }] });
}

/** Renders inside the i18n provider (English unless asked) and a signed-in viewer, as every console view expects. */
export function renderWithI18n(ui: () => JSX.Element, locale: Locale = 'en', viewer: Viewer = testViewer()) {
  return render(() => (
    <I18nProvider locale={locale}>
      <ViewerProvider viewer={viewer}>{ui()}</ViewerProvider>
    </I18nProvider>
  ));
}
