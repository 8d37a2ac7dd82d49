import type { MessageKey } from '../../i18n/index.tsx';

/** Requests that did not end in an answer, by kind (GraphQL ErrorBreakdown). */
export interface ErrorBreakdown {
  failed: number;
  quota: number;
  budget: number;
  rateLimit: number;
  dlp: number;
  access: number;
}

export const ERROR_KINDS = ['failed', 'quota', 'budget', 'rateLimit', 'dlp', 'access'] as const satisfies readonly (keyof ErrorBreakdown)[];

/**
 * "failed 1 · quota 2 · DLP 1": the kinds that occurred, in a fixed order, so an
 * error rate always says what it is made of; "no errors" when none did.
 */
export function errorKindsText(b: ErrorBreakdown, t: (key: MessageKey) => string, num: (n: number) => string): string {
  const parts = ERROR_KINDS.filter((k) => Number(b[k]) > 0).map((k) => `${t(`errorKinds.${k}` as MessageKey)} ${num(Number(b[k]))}`);
  return parts.length ? parts.join(' · ') : t('errorKinds.none');
}
