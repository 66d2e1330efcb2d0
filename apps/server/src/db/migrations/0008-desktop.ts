import type { Kysely } from 'kysely';

// The agent desktop's search (issue 4). Filled in by the desktop-server work: full-text search over messages.
export async function up(_db: Kysely<unknown>): Promise<void> {}

export async function down(_db: Kysely<unknown>): Promise<void> {}
