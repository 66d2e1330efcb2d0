/** Agent object (API spec 4.10); `agents.jsonl` export rows use the same three fields. */
export function presentAgent(agent: { id: string; name: string; email: string }) {
  return { id: agent.id, name: agent.name, emailAddress: agent.email };
}
