import { cleanup, render } from '@solidjs/testing-library';
import { afterEach } from 'vitest';
import type { JSX } from 'solid-js';
import { I18nProvider, type Locale } from '../i18n/index.tsx';

// Vitest runs without globals here, so the library cannot register its own cleanup.
afterEach(cleanup);

/** Renders inside the i18n provider (English unless asked), as every console view expects. */
export function renderWithI18n(ui: () => JSX.Element, locale: Locale = 'en') {
  return render(() => <I18nProvider locale={locale}>{ui()}</I18nProvider>);
}
