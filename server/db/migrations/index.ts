import { Migration0001Initial } from './0001-initial.ts';
import { Migration0002QuotaCounter } from './0002-quota-counter.ts';
import { Migration0003AuditChain } from './0003-audit-chain.ts';
import { Migration0004Dlp } from './0004-dlp.ts';
import { Migration0005Executive } from './0005-executive.ts';
import { Migration0006Budgets } from './0006-budgets.ts';
import { Migration0007AuditPartitions } from './0007-audit-partitions.ts';
import { Migration0008ChatLedger } from './0008-chat-ledger.ts';
import { Migration0009LoginThrottle } from './0009-login-throttle.ts';
import { Migration0010BudgetHolds } from './0010-budget-holds.ts';
import { Migration0011RateLimits } from './0011-rate-limits.ts';
import { Migration0012DlpUnscreenedImages } from './0012-dlp-unscreened-images.ts';
import { Migration0014Providers } from './0014-providers.ts';
import { Migration0015RequestLog } from './0015-request-log.ts';
import { Migration0016Speed } from './0016-speed.ts';
import { Migration0017SettlePlan } from './0017-settle-plan.ts';
import { Migration0018SettleIndexScans } from './0018-settle-index-scans.ts';
import { Migration0019RefusalReplay } from './0019-refusal-replay.ts';
import { Migration0020CatalogRemoved } from './0020-catalog-removed.ts';

/** Migrations in order. Listed explicitly so they load the same under tsx, vitest and a bundle. */
export const migrationsList = [
  { name: '0001-initial', class: Migration0001Initial },
  { name: '0002-quota-counter', class: Migration0002QuotaCounter },
  { name: '0003-audit-chain', class: Migration0003AuditChain },
  { name: '0004-dlp', class: Migration0004Dlp },
  { name: '0005-executive', class: Migration0005Executive },
  { name: '0006-budgets', class: Migration0006Budgets },
  { name: '0007-audit-partitions', class: Migration0007AuditPartitions },
  { name: '0008-chat-ledger', class: Migration0008ChatLedger },
  { name: '0009-login-throttle', class: Migration0009LoginThrottle },
  { name: '0010-budget-holds', class: Migration0010BudgetHolds },
  { name: '0011-rate-limits', class: Migration0011RateLimits },
  { name: '0012-dlp-unscreened-images', class: Migration0012DlpUnscreenedImages },
  { name: '0014-providers', class: Migration0014Providers },
  { name: '0015-request-log', class: Migration0015RequestLog },
  { name: '0016-speed', class: Migration0016Speed },
  { name: '0017-settle-plan', class: Migration0017SettlePlan },
  { name: '0018-settle-index-scans', class: Migration0018SettleIndexScans },
  { name: '0019-refusal-replay', class: Migration0019RefusalReplay },
  { name: '0020-catalog-removed', class: Migration0020CatalogRemoved },
];
