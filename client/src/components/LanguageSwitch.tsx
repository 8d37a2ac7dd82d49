import { createUniqueId, For } from 'solid-js';
import { LOCALES, useI18n, type Locale } from '../i18n/index.tsx';
import { Icon } from './Icon.tsx';
import './LanguageSwitch.css';

/** A labelled select: keyboard-operable as is, and remembered by useI18n. */
export function LanguageSwitch() {
  const { t, locale, setLocale } = useI18n();
  const id = createUniqueId();
  return (
    <div class="language-switch">
      <Icon name="globe" size={16} />
      <label for={id} class="sr-only">
        {t('header.language')}
      </label>
      <select id={id} class="language-select" onChange={(e) => setLocale(e.currentTarget.value as Locale)} data-testid="language-switch">
        <For each={LOCALES}>
          {(option) => (
            <option value={option.id} selected={locale() === option.id} lang={option.id}>
              {option.label}
            </option>
          )}
        </For>
      </select>
    </div>
  );
}
