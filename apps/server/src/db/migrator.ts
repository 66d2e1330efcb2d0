import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import * as core from './migrations/0001-core.js';
import * as attachments from './migrations/0002-attachments.js';
import * as email from './migrations/0003-email.js';
import * as webhooks from './migrations/0004-webhooks.js';
import * as exportsMigration from './migrations/0005-exports.js';
import * as customChannels from './migrations/0006-custom-channels.js';
import * as routing from './migrations/0007-routing.js';
import * as desktop from './migrations/0008-desktop.js';
import * as draftAttachments from './migrations/0009-draft-attachments.js';
import * as routingChanges from './migrations/0010-routing-changes.js';
import * as routingAgentChanges from './migrations/0011-routing-agent-changes.js';

// Migrations are imported, not read from a folder, so they work the same from source (tests) and from dist.
// Add a new file to migrations/ and list it here; names sort in the order they must run.
const MIGRATIONS: Record<string, Migration> = {
  '0001-core': core,
  '0002-attachments': attachments,
  '0003-email': email,
  '0004-webhooks': webhooks,
  '0005-exports': exportsMigration,
  '0006-custom-channels': customChannels,
  '0007-routing': routing,
  '0008-desktop': desktop,
  '0009-draft-attachments': draftAttachments,
  '0010-routing-changes': routingChanges,
  '0011-routing-agent-changes': routingAgentChanges,
};

class StaticMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return MIGRATIONS;
  }
}

export async function migrateToLatest(db: Kysely<unknown>): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: new StaticMigrationProvider(),
    migrationTableName: 'hearth_migrations',
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
