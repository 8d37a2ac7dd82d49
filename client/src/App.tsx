import { createQuery, Provider } from '@urql/solid';
import { createComponent, createEffect, createMemo, Match, on, Show, Suspense, Switch, type JSX } from 'solid-js';
import { ConfirmHost } from './components/ConfirmDialog.tsx';
import { SessionGuard } from './components/SessionGuard.tsx';
import { ErrorNotice } from './components/ErrorNotice.tsx';
import { AppShell } from './components/Layout.tsx';
import { EmptyState, Loading } from './components/States.tsx';
import { Toaster } from './components/Toasts.tsx';
import { I18nProvider, useI18n } from './i18n/index.tsx';
import { createGatewayClient } from './lib/client.ts';
import { Link, matchPath, navigate, path } from './lib/router.tsx';
import { endSession, expireSession, session, token } from './lib/session.ts';
import { createViewer, useViewer, ViewerDocument, ViewerProvider } from './lib/viewer.tsx';
import { LogoutMutation } from './lib/session.documents.ts';
import LoginPage from './pages/Login/index.tsx';
import { homePath, navGroups, ROUTES } from './routes.ts';

/** A page the reader's roles do not open: said plainly, with the way to what they can use. */
function NotAllowed() {
  const { t } = useI18n();
  return (
    <EmptyState
      title={t('error.notAllowedPage')}
      hint={t('error.notAllowedPageHint')}
      icon="lock"
      action={
        <Link to="/account" class="btn btn-secondary btn-sm">
          {t('nav.account')}
        </Link>
      }
    />
  );
}

function Routes() {
  const { t } = useI18n();
  const viewer = useViewer();
  const match = createMemo(() => {
    for (const route of ROUTES) {
      const params = matchPath(route.path, path());
      if (params) return { route, params };
    }
    return null;
  });
  // The home page of a reader who may not see the dashboard is their account; your own user page is your account too.
  const redirect = createMemo(() => {
    const m = match();
    if (m?.route.path === '/' && !m.route.allowed(viewer)) return homePath(viewer);
    if (m?.route.path === '/users/:id' && m.params.id === viewer.id) return '/account';
    return null;
  });
  const go = (to: string): JSX.Element => {
    queueMicrotask(() => navigate(to, { replace: true }));
    return <Loading />;
  };
  return (
    <Suspense fallback={<Loading />}>
      <Switch fallback={<EmptyState title={t('error.notFound')} icon="alert" />}>
        <Match when={redirect()} keyed>
          {(to) => go(to)}
        </Match>
        <Match when={match()} keyed>
          {(m) => (m.route.allowed(viewer) ? createComponent(m.route.page, m.params) : <NotAllowed />)}
        </Match>
      </Switch>
    </Suspense>
  );
}

/** Signed in: who we are (the roles decide what is shown), then the shell and its pages. */
function SignedIn(props: { onLogout: () => void }) {
  const { t } = useI18n();
  const [me, refetch] = createQuery({ query: ViewerDocument, requestPolicy: 'network-only' });
  // Refused before anything was shown: nothing to keep, so back to the login page with the reason.
  createEffect(() => {
    if (session()?.expired && !me.data) endSession('error.sessionExpired');
  });
  return (
    <Switch fallback={<Loading label={t('app.loadingAccount')} />}>
      <Match when={me.data} keyed>
        {(data) => {
          const viewer = createViewer(data.me);
          return (
            <ViewerProvider viewer={viewer}>
              <AppShell user={viewer} nav={navGroups(viewer)} onLogout={props.onLogout}>
                <Routes />
              </AppShell>
              <ConfirmHost />
            </ViewerProvider>
          );
        }}
      </Match>
      <Match when={me.error}>
        {(error) => (
          <div class="page page-narrow">
            <ErrorNotice error={error()} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
            <button type="button" class="btn btn-secondary" onClick={() => props.onLogout()}>
              {t('header.logout')}
            </button>
          </div>
        )}
      </Match>
    </Switch>
  );
}

/** Signed in: the shell and its pages. Signed out: the login page, at whatever address was asked for. */
export function App() {
  // A fresh client (and cache) per user, so one admin never sees another's cached data. Signing in
  // again as the same user keeps it, and with it the pages and whatever was typed in them.
  // (A memo of the id first: `on` reruns whenever the session changes, the memo only when the id does.)
  const userId = createMemo(() => session()?.user.id);
  const client = createMemo(on(userId, () => createGatewayClient({ token, onUnauthenticated: expireSession })));
  const logout = async () => {
    await client().mutation(LogoutMutation, {}).toPromise();
    endSession('login.loggedOut');
  };
  return (
    <I18nProvider>
      <Show when={client()} keyed>
        {(c) => (
          <Provider value={c}>
            {/* Keyed on the user: another user starts from a fresh viewer; the same one after signing in again carries on. */}
            <Show when={session()?.user.id} keyed fallback={<LoginPage />}>
              {(_user: string) => (
                <>
                  <SignedIn onLogout={logout} />
                  <SessionGuard />
                </>
              )}
            </Show>
          </Provider>
        )}
      </Show>
      <Toaster />
    </I18nProvider>
  );
}
