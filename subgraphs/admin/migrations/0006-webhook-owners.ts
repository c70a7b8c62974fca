import { Migration } from '@mikro-orm/migrations';

/**
 * General-API webhooks belong to an account: `owner_id` is the user whose
 * resources' events they receive, and `organization_id`, when set, makes one
 * receive that organization's events instead. Both go with what they point
 * to. Webhooks made before this were admin-wide (every matching event of the
 * platform): the ones with a creator become that creator's; the ones without
 * one (made by a key that acts for no user) become outbound targets, which
 * is what admin-wide delivery is, so no existing receiver loses its events
 * silently.
 */
export class Migration0006WebhookOwners extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table admin.outbound_targets add column owner_id uuid references admin.users (id) on delete cascade');
    this.addSql('alter table admin.outbound_targets add column organization_id uuid references admin.organizations (id) on delete cascade');
    this.addSql("update admin.outbound_targets set owner_id = created_by where kind = 'webhook' and created_by is not null");
    this.addSql("update admin.outbound_targets set kind = 'target' where kind = 'webhook' and owner_id is null");
    this.addSql(`alter table admin.outbound_targets add constraint outbound_targets_webhook_owner
      check ((kind = 'webhook') = (owner_id is not null) and (organization_id is null or kind = 'webhook'))`);
    this.addSql('create index outbound_targets_owner on admin.outbound_targets (owner_id, created_at, id) where owner_id is not null');
    this.addSql('create index outbound_targets_organization on admin.outbound_targets (organization_id) where organization_id is not null');
  }
}
