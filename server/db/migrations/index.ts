import { Migration0001Initial } from './0001-initial.ts';

/** Migrations in order. Listed explicitly so they load the same under tsx, vitest and a bundle. */
export const migrationsList = [{ name: '0001-initial', class: Migration0001Initial }];
