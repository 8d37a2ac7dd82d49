import { Migration0001Initial } from './0001-initial.ts';
import { Migration0002QuotaCounter } from './0002-quota-counter.ts';
import { Migration0003AuditChain } from './0003-audit-chain.ts';
import { Migration0004Dlp } from './0004-dlp.ts';

/** Migrations in order. Listed explicitly so they load the same under tsx, vitest and a bundle. */
export const migrationsList = [
  { name: '0001-initial', class: Migration0001Initial },
  { name: '0002-quota-counter', class: Migration0002QuotaCounter },
  { name: '0003-audit-chain', class: Migration0003AuditChain },
  { name: '0004-dlp', class: Migration0004Dlp },
];
