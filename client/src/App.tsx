import { Provider } from '@urql/solid';
import { createMemo, lazy, Match, on, Show, Suspense, Switch } from 'solid-js';
import { AppShell } from './components/Layout.tsx';
import { EmptyState, Loading } from './components/States.tsx';
import { Toaster } from './components/Toasts.tsx';
import { I18nProvider, useI18n } from './i18n/index.tsx';
import { createGatewayClient } from './lib/client.ts';
import { matchPath, path } from './lib/router.tsx';
import { endSession, session, token } from './lib/session.ts';
import { LogoutMutation } from './pages/Login/documents.ts';
import LoginPage from './pages/Login/index.tsx';
import DashboardPage from './pages/Dashboard/index.tsx';
import UsersPage from './pages/Users/index.tsx';
import UserDetailPage from './pages/UserDetail/index.tsx';
import RolesPage from './pages/Roles/index.tsx';
import AuditPage from './pages/Audit/index.tsx';
import PlaygroundPage from './pages/Playground/index.tsx';

// The usage page carries uPlot; it loads when first opened.
const UsagePage = lazy(() => import('./pages/Usage/index.tsx'));
const ExecutivePage = lazy(() => import('./pages/Executive/index.tsx'));

function Routes() {
  const { t } = useI18n();
  const userId = () => matchPath('/users/:id', path())?.id;
  return (
    <Suspense fallback={<Loading />}>
      <Switch fallback={<EmptyState title={t('error.notFound')} icon="alert" />}>
        <Match when={path() === '/'}>
          <DashboardPage />
        </Match>
        <Match when={path() === '/users'}>
          <UsersPage />
        </Match>
        <Match when={userId()} keyed>
          {(id) => <UserDetailPage id={id} />}
        </Match>
        <Match when={path() === '/roles'}>
          <RolesPage />
        </Match>
        <Match when={path() === '/usage'}>
          <UsagePage />
        </Match>
        <Match when={path() === '/executive'}>
          <ExecutivePage />
        </Match>
        <Match when={path() === '/audit'}>
          <AuditPage />
        </Match>
        <Match when={path() === '/playground'}>
          <PlaygroundPage />
        </Match>
      </Switch>
    </Suspense>
  );
}

/** Signed in: the shell and its pages. Signed out: the login page, at whatever address was asked for. */
export function App() {
  // A fresh client (and cache) per session, so one admin never sees another's cached data.
  const client = createMemo(
    on(
      () => session()?.token,
      () => createGatewayClient({ token, onUnauthenticated: () => endSession('error.sessionExpired') }),
    ),
  );
  const logout = async () => {
    await client().mutation(LogoutMutation, {}).toPromise();
    endSession('login.loggedOut');
  };
  return (
    <I18nProvider>
      <Show when={client()} keyed>
        {(c) => (
          <Provider value={c}>
            <Show when={session()} fallback={<LoginPage />}>
              {(s) => (
                <AppShell user={s().user} onLogout={logout}>
                  <Routes />
                </AppShell>
              )}
            </Show>
          </Provider>
        )}
      </Show>
      <Toaster />
    </I18nProvider>
  );
}
