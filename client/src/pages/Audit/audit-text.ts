import { useDetectorName } from '../../components/dlp/DlpBadges.tsx';
import { usePermissionText, useRoleName } from '../../components/roles/role-names.ts';
import { hasMessage, useI18n, type MessageKey } from '../../i18n/index.tsx';
import type { AuditActionGroup } from './audit-actions.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export const isChange = (v: unknown): v is { from: Json; to: Json } =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 2 && 'from' in v && 'to' in v;

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** Keys whose string values the console says in words, and the message each value has. */
const WORDED: Record<string, (v: string) => string> = {
  status: (v) => `status.${v}`,
  previousStatus: (v) => `status.${v}`,
  reason: (v) => `auditReason.${v.replace(/\s+/g, '_')}`,
  outcome: (v) => `outcome.${v}`,
  detector: (v) => `dlp.detector.${v.toUpperCase()}`,
  action: (v) => `dlp.action.${v.toUpperCase()}`,
  scope: (v) => `budgets.scope.${v}`,
  via: (v) => `auditVia.${v}`,
};

/** Whether a value is shown as recorded (an id, a name, a provider's message): data, not interface words. */
export const isRecordedText = (key: string, v: unknown) =>
  typeof v === 'string' && !ISO_INSTANT.test(v) && key !== 'format' && !(key in WORDED && hasMessage(WORDED[key](v)));

/** Keys whose values are amounts of money (in the record's `currency`). */
const MONEY = new Set(['amount', 'inputPerMillion', 'outputPerMillion', 'spent']);
/** Keys whose values are token counts. */
const TOKENS = new Set(['inputTokens', 'outputTokens', 'dailyInputLimit', 'dailyOutputLimit', 'droppedRecords', 'deletedRecords']);

/**
 * Audit records in words: action and field names translated, values formatted
 * (statuses, reasons, detectors and permissions by name, latencies rounded, times
 * in the reader's zone, money with its currency, token limits with "unlimited").
 */
export function useAuditText() {
  const { t, num, ms, dateTime, money } = useI18n();
  const permission = usePermissionText();
  const detector = useDetectorName();
  const roleName = useRoleName();
  const known = (key: string): key is MessageKey => hasMessage(key);
  const maybe = (key: string, fallback: string) => (known(key) ? t(key) : fallback);

  const action = (a: string) => maybe(`auditAction.${a}`, a);
  const group = (g: AuditActionGroup) => t(`auditGroup.${g}`);
  const field = (key: string) => maybe(`auditField.${key}`, key);

  /** A scalar value of `key`, or undefined when the caller should lay it out (objects, lists). */
  const value = (key: string, v: Json, context: { currency?: string | null } = {}): string | undefined => {
    if (v === null) return TOKENS.has(key) && key.startsWith('daily') ? t('common.unlimited') : '—';
    if (typeof v === 'boolean') return t(v ? 'common.yes' : 'common.no');
    if (typeof v === 'number') {
      if (key === 'latencyMs') return ms(v);
      if (MONEY.has(key)) return money(v, context.currency);
      if (TOKENS.has(key)) return key.startsWith('daily') ? t('unit.tokens', { count: num(v) }) : num(v);
      if (key === 'threshold' || key === 'percent') return `${num(v)}%`;
      return num(v);
    }
    if (typeof v === 'string') {
      if (key in WORDED) return maybe(WORDED[key](v), v);
      if (key === 'format') return v.toUpperCase();
      if (ISO_INSTANT.test(v)) return dateTime(v, true);
      return v;
    }
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) {
      const items = v as string[];
      if (key === 'permissions') return items.map(permission.label).join(t('common.listSeparator'));
      if (key === 'roleNames') return items.map((name) => roleName({ name })).join(t('common.listSeparator'));
      if (key === 'detectors') return items.map(detector).join(t('common.listSeparator'));
      if (!items.length) return t('common.none');
    }
    return undefined;
  };

  /** One line for the table: what the record is about, without opening it (`{ data }` when it is a name or e-mail as recorded). */
  const summary = (record: { action: string; metadata: unknown; model?: string | null; inputTokens?: number | null; outputTokens?: number | null; latencyMs?: number | null }): string | { data: string } => {
    const m = (record.metadata && typeof record.metadata === 'object' ? record.metadata : {}) as Record<string, Json>;
    const changes = m.changes && typeof m.changes === 'object' && !Array.isArray(m.changes) ? (m.changes as Record<string, Json>) : undefined;
    if (record.action === 'chat') {
      // The model id is shown beside this, as code.
      const parts = [t('audit.summaryTokens', { input: num(record.inputTokens ?? 0), output: num(record.outputTokens ?? 0) })];
      if (record.latencyMs != null) parts.push(ms(record.latencyMs));
      if (typeof m.outcome === 'string' && m.outcome !== 'ok') parts.push(value('outcome', m.outcome)!);
      return parts.filter(Boolean).join(' · ');
    }
    if (record.action === 'login.failed' && typeof m.reason === 'string') return value('reason', m.reason)!;
    if (record.action === 'dlp.blocked' && Array.isArray(m.hits))
      return (m.hits as { detector?: string }[]).map((h) => detector(String(h.detector ?? ''))).join(t('common.listSeparator'));
    if (changes) {
      const keys = Object.keys(changes);
      // Up to two changes spelled out ("Status: Active → Suspended"); more are named.
      const spelled = keys.slice(0, 2).map((key) => {
        const c = changes[key];
        if (!isChange(c)) return undefined;
        const from = value(key, c.from, { currency: m.currency as string });
        const to = value(key, c.to, { currency: m.currency as string });
        return from !== undefined && to !== undefined ? t('audit.summaryChange', { field: field(key), from, to }) : undefined;
      });
      if (keys.length <= 2 && spelled.every(Boolean)) return spelled.join(t('common.clauseSeparator'));
      return t('audit.summaryChanged', { fields: keys.map(field).join(t('common.listSeparator')) });
    }
    if (record.action.startsWith('budget.') && typeof m.scope === 'string' && typeof m.amount === 'number') {
      return `${value('scope', m.scope)} · ${value('amount', m.amount, { currency: m.currency as string })}`;
    }
    if (record.action === 'quota.update' && m.after && typeof m.after === 'object') {
      const after = m.after as Record<string, Json>;
      return t('audit.summaryQuota', { input: value('dailyInputLimit', after.dailyInputLimit ?? null)!, output: value('dailyOutputLimit', after.dailyOutputLimit ?? null)! });
    }
    // Otherwise what the record names (an e-mail, a role or key name): data, shown as it is.
    const named = [m.email, m.name, m.prefix].find((x) => typeof x === 'string');
    if (typeof named === 'string') return { data: named };
    if (record.action === 'audit.export' && typeof m.format === 'string') return m.format.toUpperCase();
    return '';
  };

  return { action, group, field, value, summary };
}
