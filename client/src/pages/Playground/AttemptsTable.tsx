import { Show } from 'solid-js';
import { DataTable, type Column } from '../../components/DataTable/DataTable.tsx';
import { Icon } from '../../components/Icon.tsx';
import { hasMessage, useI18n } from '../../i18n/index.tsx';

/** One try against one provider, as Query results and error extensions both carry it. */
export interface AttemptRow {
  provider: string;
  model: string;
  error?: string | null;
  code?: string | null;
  status?: number | null;
  latencyMs: number;
}

export type AttemptRoute = 'primary' | 'retry' | 'fallback';

/** The first try is the primary; the same target again is a retry; any other target is a fallback. */
export function attemptRoutes(attempts: readonly AttemptRow[]): AttemptRoute[] {
  const seen = new Set<string>();
  return attempts.map((a, i) => {
    const key = `${a.provider}\u0000${a.model}`;
    const route: AttemptRoute = i === 0 ? 'primary' : seen.has(key) ? 'retry' : 'fallback';
    seen.add(key);
    return route;
  });
}

const answered = (a: AttemptRow) => !a.code && !a.error;

type NumberedAttempt = AttemptRow & { n: number; route: AttemptRoute };

export function AttemptsTable(props: { attempts: readonly AttemptRow[]; caption: string }) {
  const { t, num, ms } = useI18n();
  const rows = (): NumberedAttempt[] => {
    const routes = attemptRoutes(props.attempts);
    return props.attempts.map((a, i) => ({ ...a, n: i + 1, route: routes[i] }));
  };
  // Why an attempt failed, in words; the provider's own message follows as it was.
  const codeLabel = (code: string) => (hasMessage(`attemptCode.${code}`) ? t(`attemptCode.${code}` as 'attemptCode.network') : code);
  const columns = (): Column<NumberedAttempt>[] => [
    { id: 'n', header: t('playground.attempt.col.number'), numeric: true, cell: (a) => <span class="muted">{num(a.n)}</span> },
    {
      id: 'route',
      header: t('playground.attempt.col.route'),
      cell: (a) => (
        <span class={`route-tag route-tag-${a.route}`}>
          <Show when={a.route === 'fallback'}>
            <Icon name="shuffle" size={12} />
          </Show>
          {t(`playground.attempt.${a.route}`)}
        </span>
      ),
    },
    {
      id: 'target',
      header: t('playground.attempt.col.provider'),
      cell: (a) => (
        <span class="target">
          <span class="strong" translate="no">
            {a.provider}
          </span>
          <span class="muted"> · </span>
          <code>{a.model}</code>
        </span>
      ),
    },
    {
      id: 'result',
      header: t('playground.attempt.col.result'),
      cell: (a) => (
        <Show when={!answered(a)} fallback={<span class="badge badge-success">{t('playground.attempt.answered')}</span>}>
          <div class="attempt-failure">
            <Show when={a.code}>{(code) => <span class="badge badge-danger attempt-code" data-code={code()}>{codeLabel(code())}</span>}</Show>
            <Show when={a.error}>
              <code class="attempt-error">{a.error}</code>
            </Show>
          </div>
        </Show>
      ),
    },
    { id: 'status', header: t('playground.attempt.col.status'), numeric: true, cell: (a) => a.status ?? <span class="muted">—</span> },
    { id: 'latency', header: t('playground.attempt.col.latency'), numeric: true, cell: (a) => ms(a.latencyMs) },
  ];
  return (
    <DataTable
      caption={props.caption}
      columns={columns()}
      rows={rows()}
      compact
      rowTestId="attempt-row"
      rowProps={(a) => ({ 'data-route': a.route, classList: { 'attempt-fallback': a.route === 'fallback' } })}
      empty={{ title: t('playground.noAttempts') }}
    />
  );
}
