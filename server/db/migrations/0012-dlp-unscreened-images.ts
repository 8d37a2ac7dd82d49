import { Migration } from '@mikro-orm/migrations';

/**
 * DLP screens text only: a DLP event of a prompt that carried images records
 * how many passed unscreened, so a reviewer knows the screening was partial.
 */
export class Migration0012DlpUnscreenedImages extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "dlp_event" add column "unscreened_images" int not null default 0;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "dlp_event" drop column "unscreened_images";`);
  }
}
