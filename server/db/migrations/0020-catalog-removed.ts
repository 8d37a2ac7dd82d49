import { Migration } from '@mikro-orm/migrations';

/**
 * Providers and models deleted in the console, by name, so the config file
 * does not seed them back at the next start while it still lists them.
 * Creating one again in the console clears its entry.
 */
export class Migration0020CatalogRemoved extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "catalog_removed" (
      "kind" text not null check ("kind" in ('provider', 'model')),
      "name" text not null,
      "removed_at" timestamptz not null default now(),
      primary key ("kind", "name"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "catalog_removed";`);
  }
}
