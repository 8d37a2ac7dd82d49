import { useClient } from '@urql/solid';
import { createSignal, onCleanup, Show } from 'solid-js';
import type { CombinedError } from '@urql/core';
import { data, useI18n } from '../i18n/index.tsx';
import { endSession, session, startSession, type Session } from '../lib/session.ts';
import { LoginMutation, MeQuery } from '../lib/session.documents.ts';
import { Dialog } from './Dialog.tsx';
import { TextField } from './Field.tsx';
import { Form, FormActions } from './Form.tsx';
import { Icon } from './Icon.tsx';
import './SessionGuard.css';

/** How long before the session ends the console says so. */
export const WARN_BEFORE_MS = 60_000;

/** Signs the same user in again without leaving the page; what was typed anywhere stays. */
function SignInAgain(props: { session: Session; onDone: () => void; onCancel: () => void }) {
  const { t, tj } = useI18n();
  const client = useClient();
  const [password, setPassword] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<CombinedError | null>(null);
  // Without the old token: the gateway refuses a request that carries an expired one.
  const anonymous = { fetchOptions: { headers: {} as Record<string, string> } };
  const submit = () => {
    if (!password()) return false;
    void signIn();
  };
  const signIn = async () => {
    setBusy(true);
    setError(null);
    try {
      const login = await client.mutation(LoginMutation, { email: props.session.user.email, password: password() }, anonymous).toPromise();
      if (login.error || !login.data) return void setError(login.error ?? null);
      const { token, expiresAt } = login.data.login;
      const me = await client.query(MeQuery, {}, { requestPolicy: 'network-only', fetchOptions: { headers: { authorization: `Bearer ${token}` } } }).toPromise();
      if (me.error || !me.data) return void setError(me.error ?? null);
      startSession({ token, expiresAt, user: me.data.me });
      props.onDone();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title={t(props.session.expired ? 'session.expiredTitle' : 'session.renewTitle')} size="sm" onClose={() => props.onCancel()}>
      <p class="session-note">{t(props.session.expired ? 'session.expiredBody' : 'session.renewBody')}</p>
      <Form onSubmit={submit} error={error()} errorContext={{ UNAUTHENTICATED: 'error.login.credentials', FORBIDDEN: 'error.login.inactive' }}>
        <p class="session-who">{tj('session.signedInAs', { email: data(props.session.user.email) })}</p>
        <TextField label={t('login.password')} type="password" name="password" autocomplete="current-password" value={password()} onValue={setPassword} data-autofocus />
        <FormActions busy={busy()} submitLabel={t('login.submit')} onCancel={props.onCancel} />
      </Form>
    </Dialog>
  );
}

/**
 * Watches the session's end: a minute before it, a notice with a way to sign in again;
 * once the gateway refuses the token, a sign-in over the page, which stays as it was.
 */
export function SessionGuard() {
  const { t } = useI18n();
  const [now, setNow] = createSignal(Date.now());
  const [renewing, setRenewing] = createSignal(false);
  const timer = setInterval(() => setNow(Date.now()), 1000);
  onCleanup(() => clearInterval(timer));
  const left = () => {
    const s = session();
    return s ? new Date(s.expiresAt).getTime() - now() : Infinity;
  };
  const expiring = () => !session()?.expired && left() <= WARN_BEFORE_MS;
  return (
    <>
      <Show when={expiring() && !renewing()}>
        <div class="session-warning notice notice-warning" role="status" data-testid="session-warning">
          <Icon name="clock" class="notice-icon" />
          <p class="notice-body">{left() > 0 ? t('session.expiringIn', { seconds: Math.max(1, Math.round(left() / 1000)) }) : t('session.expiredBody')}</p>
          <button type="button" class="btn btn-secondary btn-sm" onClick={() => setRenewing(true)}>
            {t('session.renew')}
          </button>
        </div>
      </Show>
      <Show when={session()?.expired || renewing() ? session() : null} keyed>
        {(s) => (
          // Giving up on an ended session is signing out; on one still running it only closes the dialog.
          <SignInAgain session={s} onDone={() => setRenewing(false)} onCancel={s.expired ? () => endSession('error.sessionExpired') : () => setRenewing(false)} />
        )}
      </Show>
    </>
  );
}
