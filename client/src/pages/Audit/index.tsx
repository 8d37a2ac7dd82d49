import { createQuery, useClient } from '@urql/solid';
import { createSignal } from 'solid-js';
import type { CombinedError } from '@urql/core';
import { createServerPaging } from '../../components/DataTable/paging.ts';
import { useI18n } from '../../i18n/index.tsx';
import { instantRange } from '../../lib/dates.ts';
import { token } from '../../lib/session.ts';
import { createUrlState } from '../../lib/url-state.ts';
import { useViewer } from '../../lib/viewer.tsx';
import type { AuditRecordRow } from './AuditDetail.tsx';
import { AuditView } from './Audit.tsx';
import { useAuditText } from './audit-text.ts';
import type { ExportFormat, Retention, Verification } from './AuditTools.tsx';
import { AuditPageQuery, AuditVerifyQuery } from './documents.ts';
import { isActionGroup, SERVER_ACTION_GROUP, type AuditActionGroup } from './audit-actions.ts';

/** The file name the gateway suggests (content-disposition), else one of our own. */
function fileName(response: Response, format: ExportFormat): string {
  const match = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '');
  return match?.[1] ?? `zero-audit.${format}`;
}

function download(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export default function AuditPage() {
  const { t, date } = useI18n();
  const viewer = useViewer();
  const client = useClient();
  const text = useAuditText();
  const [filters, setFilters] = createUrlState({ action: '', group: '', userId: '', from: '', to: '' });
  const group = () => (isActionGroup(filters().group) ? (filters().group as AuditActionGroup) : null);
  const paging = createServerPaging();
  const rangeError = () => (filters().from && filters().to && filters().from > filters().to ? t('validation.dateRange') : undefined);
  const range = () => instantRange(filters().from, filters().to);
  const [query, refetch] = createQuery({
    query: AuditPageQuery,
    pause: () => Boolean(rangeError()),
    variables: () => ({
      filter: { action: filters().action || null, actionGroup: group() ? SERVER_ACTION_GROUP[group()!] : null, userId: filters().userId || null, ...range() },
      first: paging.first(),
      after: paging.after(),
    }),
  });
  const [open, setOpen] = createSignal<AuditRecordRow | null>(null);

  // Export: the REST endpoint, with the session's token, saved as a file.
  const [exporting, setExporting] = createSignal(false);
  const [exported, setExported] = createSignal<{ format: ExportFormat; verification: string } | null>(null);
  const [exportError, setExportError] = createSignal<string | null>(null);
  const exportTrail = async (format: ExportFormat) => {
    setExporting(true);
    setExportError(null);
    setExported(null);
    try {
      const params = new URLSearchParams({ format });
      const { from, to } = range();
      if (from) params.set('from', from);
      if (to) params.set('to', to);
      if (filters().action) params.set('action', filters().action);
      if (group()) params.set('group', SERVER_ACTION_GROUP[group()!]);
      if (filters().userId) params.set('userId', filters().userId);
      const response = await fetch(`/api/v1/audit/export?${params}`, { headers: { authorization: `Bearer ${token()}` } });
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as { error?: { code?: string } } | null;
        setExportError(t(`error.${body?.error?.code ?? 'unknown'}` as 'error.unknown', { code: body?.error?.code ?? String(response.status) }));
        return;
      }
      download(await response.blob(), fileName(response, format));
      setExported({ format, verification: (response.headers.get('x-audit-verification') ?? '').startsWith('ok') ? 'ok' : 'broken' });
    } catch {
      setExportError(t('error.NETWORK_ERROR'));
    } finally {
      setExporting(false);
    }
  };

  // Verify: walks the hash chain over the same range, on request (it reads every record in it).
  const [verifying, setVerifying] = createSignal(false);
  const [verification, setVerification] = createSignal<{ verify: Verification; retention: Retention } | undefined>();
  const [verifyError, setVerifyError] = createSignal<CombinedError | undefined>();
  const verify = async () => {
    setVerifying(true);
    setVerifyError(undefined);
    const result = await client.query(AuditVerifyQuery, range(), { requestPolicy: 'network-only' }).toPromise();
    setVerifying(false);
    if (result.error) return setVerifyError(result.error);
    if (result.data) setVerification({ verify: result.data.auditVerify, retention: result.data.auditRetention });
  };

  const scope = () => {
    const f = filters();
    const parts = [
      f.from || f.to ? t('audit.scopeRange', { from: f.from ? date(f.from) : '…', to: f.to ? date(f.to) : '…' }) : t('audit.scopeAll'),
      f.action ? text.action(f.action) : '',
      group() ? t('audit.wholeGroup', { group: text.group(group()!) }) : '',
    ];
    return parts.filter(Boolean).join(' · ');
  };

  return (
    <AuditView
      filters={filters()}
      onFilters={(patch) => {
        paging.reset();
        setVerification(undefined);
        setExported(null);
        setFilters(patch);
      }}
      rangeError={rangeError()}
      canPickActor={viewer.can('users:read')}
      loading={query.fetching}
      error={query.error}
      onRetry={() => refetch({ requestPolicy: 'network-only' })}
      records={query.data?.auditLog.edges.map((e) => e.node)}
      paging={paging.props(query.data?.auditLog)}
      open={open()}
      onOpen={setOpen}
      tools={{
        get scope() {
          return scope();
        },
        onExport: exportTrail,
        get exporting() {
          return exporting();
        },
        get exported() {
          return exported();
        },
        get exportError() {
          return exportError();
        },
        onVerify: verify,
        get verifying() {
          return verifying();
        },
        get verification() {
          return verification()?.verify;
        },
        get retention() {
          return verification()?.retention;
        },
        get verifyError() {
          return verifyError();
        },
      }}
    />
  );
}
