import { createMutation, useClient } from '@urql/solid';
import { createSignal } from 'solid-js';
import type { CombinedError } from '@urql/core';
import { notice, startSession } from '../../lib/session.ts';
import { LoginMutation, MeQuery } from '../../lib/session.documents.ts';
import { LoginView } from './Login.tsx';

export default function LoginPage() {
  const client = useClient();
  const [state, login] = createMutation(LoginMutation);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<CombinedError | null>(null);
  const submit = async (credentials: { email: string; password: string }) => {
    setError(null);
    setBusy(true);
    try {
      const result = await login(credentials);
      if (result.error || !result.data) return setError(result.error ?? null);
      const { token, expiresAt } = result.data.login;
      // The gateway answers `login { user }` only to a signed-in caller, so ask who we are with the new token.
      const me = await client
        .query(MeQuery, {}, { requestPolicy: 'network-only', fetchOptions: { headers: { authorization: `Bearer ${token}` } } })
        .toPromise();
      if (me.error || !me.data) return setError(me.error ?? null);
      startSession({ token, expiresAt, user: me.data.me });
    } finally {
      setBusy(false);
    }
  };
  return <LoginView busy={busy() || state.fetching} error={error()} notice={error() ? null : notice()} onSubmit={submit} />;
}
