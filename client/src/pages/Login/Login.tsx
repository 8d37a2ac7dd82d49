import { createSignal, Show } from 'solid-js';
import type { CombinedError } from '@urql/core';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { TextField } from '../../components/Field.tsx';
import { Form } from '../../components/Form.tsx';
import { createFormErrors } from '../../components/form-errors.ts';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { Icon } from '../../components/Icon.tsx';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { checkEmail, checkRequired } from '../../lib/validate.ts';
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
  const [email, setEmail] = createSignal('');
  const [password, setPassword] = createSignal('');
  // The refusal itself is shown above the form; a field only says what is wrong with it.
  const errors = createFormErrors({ error: () => null, fields: ['email', 'password'] });
  const submit = () => {
    if (!errors.check({ email: checkEmail(email()), password: checkRequired(password()) })) return false;
    props.onSubmit({ email: email().trim(), password: password() });
  };
  const field = (name: 'email' | 'password', set: (v: string) => void) => ({
    name,
    value: name === 'email' ? email() : password(),
    onValue: (v: string) => (set(v), errors.edited(name)),
    error: errors.message(name),
  });

  return (
    <div class="login-page">
      <div class="login-lang">
        <LanguageSwitch />
      </div>
      <div class="login-card">
        <div class="login-brand">
          <span class="brand-mark brand-mark-lg" aria-hidden="true" translate="no">
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
        <Form onSubmit={submit}>
          <TextField label={t('login.email')} type="email" autocomplete="username" {...field('email', setEmail)} data-autofocus />
          <TextField label={t('login.password')} type="password" autocomplete="current-password" {...field('password', setPassword)} />
          <button type="submit" class="btn btn-primary btn-block" disabled={props.busy}>
            {props.busy ? t('login.submitting') : t('login.submit')}
          </button>
        </Form>
      </div>
    </div>
  );
}
