import type { DlpAction, DlpDetector } from '../../gql/graphql.ts';

/** Every detector and policy action of the gateway, in the order the console lists them. */
export const DETECTORS: readonly DlpDetector[] = ['EMAIL', 'PHONE', 'CN_ID', 'BANK_CARD', 'IBAN', 'IP_ADDRESS', 'SECRET'];
export const ACTIONS: readonly DlpAction[] = ['ALLOW', 'LOG', 'REDACT', 'BLOCK'];
