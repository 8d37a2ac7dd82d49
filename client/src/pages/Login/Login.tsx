import { createSignal, Show } from 'solid-js';
import type { CombinedError } from '@urql/core';
import { ErrorNotice, useErrorText } from '../../components/ErrorNotice.tsx';
import { TextField } from '../../components/Field.tsx';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { Icon } from '../../components/Icon.tsx';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { checkEmail, checkRequired, type Problem } from '../../lib/validate.ts';
import './Login.css';

export interface LoginViewProps {
  busy: boolean;
  error: CombinedError | null;
  notice: MessageKey | null;
  onSubmit: (credentials: { email: string; password: string }) => void;
}

/** A sign-in's refusals, said for a sign-in: never whether the email exists. */
export const LOGIN_ERRORS = { UNAUTHENTICATED: 'error.login.credentials', FORBIDDEN: 'error.login.inactive' } as const;

export function LoginView(props: LoginViewProps) {
  const { t } = useI18n();
  const errors = useErrorText();
  const [email, setEmail] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [problems, setProblems] = createSignal<{ email?: Problem | null; password?: Problem | null }>({});
  const message = (p: Problem | null | undefined) => (p ? t(p.key, p.params) : undefined);

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const found = { email: checkEmail(email()), password: checkRequired(password()) };
    setProblems(found);
    if (found.email || found.password) {
      (event.currentTarget as HTMLFormElement).querySelector<HTMLInputElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    props.onSubmit({ email: email().trim(), password: password() });
  };

  return (
    <div class="login-page">
      <div class="login-lang">
        <LanguageSwitch />
      </div>
      <div class="login-card">
        <div class="login-brand">
          <span class="brand-mark brand-mark-lg" aria-hidden="true">
            Z
          </span>
          <div>
            <p class="login-product">{t('app.name')}</p>
            <p class="login-console">{t('app.console')}</p>
          </div>
        </div>
        <h1 class="login-title">{t('login.title')}</h1>
        <p class="login-subtitle">{t('login.subtitle')}</p>
        <Show when={props.notice}>
          {(key) => (
            <div class="notice notice-info" role="status">
              <Icon name="lock" class="notice-icon" />
              <p class="notice-body">{t(key())}</p>
            </div>
          )}
        </Show>
        <Show when={props.error}>{(error) => <ErrorNotice error={error()} title={t('login.failed')} context={LOGIN_ERRORS} />}</Show>
        <form class="form" novalidate onSubmit={submit}>
          <TextField
            label={t('login.email')}
            type="email"
            name="email"
            autocomplete="username"
            value={email()}
            onValue={(v) => (setEmail(v), setProblems((p) => ({ ...p, email: null })))}
            error={message(problems().email) ?? errors.field(props.error, 'email', LOGIN_ERRORS)}
            data-autofocus
          />
          <TextField
            label={t('login.password')}
            type="password"
            name="password"
            autocomplete="current-password"
            value={password()}
            onValue={(v) => (setPassword(v), setProblems((p) => ({ ...p, password: null })))}
            error={message(problems().password)}
          />
          <button type="submit" class="btn btn-primary btn-block" disabled={props.busy}>
            {props.busy ? t('login.submitting') : t('login.submit')}
          </button>
        </form>
      </div>
    </div>
  );
}
