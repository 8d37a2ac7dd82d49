import type { CombinedError } from '@urql/core';
import type { GraphQLError } from 'graphql';
import { hasMessage, type MessageKey, type Params } from '../i18n/index.tsx';

/**
 * What went wrong, in the reader's language. The gateway's messages are English and
 * meant for API users; the console reads the stable `extensions.code` (and
 * `field`, `limit`, `resetsAt`, `retryAfterSeconds`, ...) and says it itself.
 */
export interface ErrorLine {
  key: MessageKey;
  params: Params;
  code: string;
  field?: string;
}

/**
 * What a form knows about its own refusals: `CONFLICT` on a key form means too many
 * keys, on a budget form that the target already has one. Keys by code, or by
 * `code:field`.
 */
export type ErrorContext = Partial<Record<string, MessageKey>>;

type Formatters = {
  dateTime: (iso: string) => string;
  relative: (iso: string) => string;
  num: (value: number) => string;
  money: (value: number, currency?: string | null) => string;
  t: (key: MessageKey, params?: Params) => string;
};

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const int = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** The code of a GraphQL error, or NETWORK_ERROR / INTERNAL_SERVER_ERROR when there is none. */
export function errorCode(error: CombinedError): string {
  const first = error.graphQLErrors[0];
  if (first) return str(first.extensions?.code) ?? 'INTERNAL_SERVER_ERROR';
  return 'NETWORK_ERROR';
}

/** One GraphQL error as a message key and its parameters. */
export function describeGraphQLError(e: Pick<GraphQLError, 'extensions'>, f: Formatters, context: ErrorContext = {}): ErrorLine {
  const ext = (e.extensions ?? {}) as Record<string, unknown>;
  const code = str(ext.code) ?? 'INTERNAL_SERVER_ERROR';
  const field = str(ext.field);
  const line = (key: MessageKey, params: Params = {}): ErrorLine => ({ key, params, code, field });

  const contextual = (field && context[`${code}:${field}`]) || context[code];
  if (contextual) return line(contextual, { count: f.num(int(ext.holders) ?? 0) });

  switch (code) {
    case 'RATE_LIMITED': {
      const seconds = int(ext.retryAfterSeconds);
      return seconds !== undefined ? line('error.RATE_LIMITED.retry', { minutes: f.num(Math.max(1, Math.ceil(seconds / 60))) }) : line('error.RATE_LIMITED');
    }
    case 'QUOTA_EXCEEDED': {
      const which = ext.limit === 'DAILY_OUTPUT' ? f.t('error.quota.output') : f.t('error.quota.input');
      const at = str(ext.resetsAt);
      return at ? line('error.QUOTA_EXCEEDED.resets', { which, at: f.dateTime(at), relative: f.relative(at) }) : line('error.QUOTA_EXCEEDED', { which });
    }
    case 'BUDGET_EXCEEDED': {
      const at = str(ext.resetsAt);
      const scope = ext.scope === 'USER' ? f.t('error.budget.USER') : ext.scope === 'ROLE' ? f.t('error.budget.ROLE') : f.t('error.budget.ORGANISATION');
      const amount = int(ext.amount);
      return line('error.BUDGET_EXCEEDED', {
        scope,
        amount: amount === undefined ? '' : f.money(amount, str(ext.currency)),
        at: at ? f.dateTime(at) : '',
      });
    }
    case 'DLP_BLOCKED': {
      const detectors = Array.isArray(ext.detectors) ? (ext.detectors as unknown[]).filter((d): d is string => typeof d === 'string') : [];
      const names = detectors.map((d) => (hasMessage(`dlp.detector.${d.toUpperCase()}`) ? f.t(`dlp.detector.${d.toUpperCase()}` as MessageKey) : d));
      return line('error.DLP_BLOCKED', { detectors: names.join(f.t('common.listSeparator')) });
    }
    case 'FORBIDDEN':
      if (Array.isArray(ext.missingPermissions)) {
        const names = (ext.missingPermissions as unknown[]).map(String).map((p) => (hasMessage(`permission.${p}`) ? f.t(`permission.${p}` as MessageKey) : p));
        return line('error.FORBIDDEN.outranked', { permissions: names.join(f.t('common.listSeparator')) });
      }
      break;
    case 'CONFLICT':
      if (int(ext.holders) !== undefined) return line('error.CONFLICT.roleInUse', { count: f.num(int(ext.holders)!) });
      break;
  }
  if (field && hasMessage(`error.${code}.${field}`)) return line(`error.${code}.${field}` as MessageKey);
  if (code === 'BAD_USER_INPUT' && field && hasMessage(`field.${field}`)) return line('error.BAD_USER_INPUT.field', { field: f.t(`field.${field}` as MessageKey) });
  return line(hasMessage(`error.${code}`) ? (`error.${code}` as MessageKey) : 'error.unknown', { code });
}

/** Every error of a failed operation; a failure to reach the gateway is one line. */
export function describeError(error: CombinedError, f: Formatters, context?: ErrorContext): ErrorLine[] {
  if (error.graphQLErrors.length) return error.graphQLErrors.map((e) => describeGraphQLError(e, f, context));
  return [{ key: 'error.NETWORK_ERROR', params: {}, code: 'NETWORK_ERROR' }];
}

/** The error that names `field` (BAD_USER_INPUT or CONFLICT with extensions.field), if any. */
export function fieldErrorLine(error: CombinedError | null | undefined, field: string, f: Formatters, context?: ErrorContext): ErrorLine | undefined {
  const e = error?.graphQLErrors.find((x) => x.extensions?.field === field);
  return e ? describeGraphQLError(e, f, context) : undefined;
}
