import { Migration0001Initial } from './0001-initial.ts';
import { Migration0002QuotaCounter } from './0002-quota-counter.ts';

/** Migrations in order. Listed explicitly so they load the same under tsx, vitest and a bundle. */
export const migrationsList = [
  { name: '0001-initial', class: Migration0001Initial },
  { name: '0002-quota-counter', class: Migration0002QuotaCounter },
];
