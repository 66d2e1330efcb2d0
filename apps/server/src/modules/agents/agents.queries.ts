import type { TExecutor } from '../../db/database.js';
import { findAgent } from './agents.repository.js';

/** An active agent of the org by id, for modules that take an agent id (task comments); undefined if none. */
export function findActiveAgent(db: TExecutor, orgId: string, agentId: string) {
  return findAgent(db, orgId, agentId);
}
