// Which queue entries the caller hands to the engine (spec 2.2, 2.5, 5.1).

export type TQueueCandidate =
  | {
      kind: 'CONVERSATION';
      status: 'OPEN' | 'WAITING' | 'CLOSED';
      assigneeId: string | null;
      noReplyNeeded: boolean;
      newestItemIsNote: boolean;
    }
  | { kind: 'TASK'; status: 'OPEN' | 'CLOSED'; assigneeId: string | null };

export function isRoutable(candidate: TQueueCandidate): boolean {
  if (candidate.status !== 'OPEN' || candidate.assigneeId !== null) return false;
  if (candidate.kind === 'TASK') return true;
  return !candidate.noReplyNeeded && !candidate.newestItemIsNote;
}
