/** Agent object (API spec 4.10); `agents.jsonl` export rows use the same three fields. */
export function presentAgent(agent: { id: string; name: string; email: string }) {
  return { id: agent.id, name: agent.name, emailAddress: agent.email };
}

/**
 * The call recorder of an agent (API spec 4.10). The voice channel is not part of Hearth yet, so no agent is ever on
 * a call: the recorder reads as not recording, with no customer or item, exactly as Gladly answers between calls.
 */
export function presentIdleCallRecorder(agent: { id: string }) {
  return { agentId: agent.id, recording: false };
}
