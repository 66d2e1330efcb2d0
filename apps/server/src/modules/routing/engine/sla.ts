// Due dates (spec 5.5): due = inbound contact time + SLA, SLA of the entry point if set, else of the inbox.

const MINUTE_MS = 60_000;

export interface TSlaSource {
  entryPointSlaMinutes?: number | null;
  inboxSlaMinutes: number;
}

export function effectiveSlaMinutes(source: TSlaSource): number {
  const entryPoint = source.entryPointSlaMinutes;
  return entryPoint !== undefined && entryPoint !== null ? entryPoint : source.inboxSlaMinutes;
}

export function candidateDueAt(inboundAt: number, source: TSlaSource): number {
  return inboundAt + effectiveSlaMinutes(source) * MINUTE_MS;
}

// existingDueAt is the due date of the contact still unanswered (null once fulfilled); the earlier wins (spec 16).
export function dueAtOnInbound(existingDueAt: number | null, inboundAt: number, source: TSlaSource): number {
  const candidate = candidateDueAt(inboundAt, source);
  return existingDueAt === null ? candidate : Math.min(existingDueAt, candidate);
}

// A move to another inbox replaces the due date: the customer's last inbound contact plus the new inbox's SLA.
// The old entry point's SLA no longer applies, since it was chosen for the inbox the contact came into.
export function dueAtOnTransfer(lastInboundAt: number | null, newInboxSlaMinutes: number): number | null {
  return lastInboundAt === null ? null : lastInboundAt + newInboxSlaMinutes * MINUTE_MS;
}
