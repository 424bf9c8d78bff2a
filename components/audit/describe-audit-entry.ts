/**
 * Audit rows carry a machine action ("member.change_role") and a JSON summary. This turns the
 * known ones into a sentence and falls back to the action and its fields for the rest, so new
 * actions added by other domains still read sensibly.
 */
export type AuditEntryLike = {
  action: string;
  entityType: string;
  summary: Record<string, unknown>;
};

function text(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

function describeChanges(summary: Record<string, unknown>): string {
  const parts = Object.entries(summary).map(([field, change]) => {
    if (change && typeof change === "object" && "to" in change) {
      const { from, to } = change as { from?: unknown; to?: unknown };
      return `${field} from “${text(from)}” to “${text(to)}”`;
    }
    return `${field}: ${text(change)}`;
  });
  return parts.length ? parts.join(", ") : "no fields";
}

const describers: Record<string, (s: Record<string, unknown>) => string> = {
  "workspace.create": (s) => `Created the workspace ${text(s.name)}`,
  "workspace.update": (s) => `Changed ${describeChanges(s)}`,
  "member.invite": (s) => `Invited ${text(s.email)} as ${text(s.role)}`,
  "member.change_role": (s) => `Changed ${text(s.email)} from ${text(s.from)} to ${text(s.to)}`,
  "member.remove": (s) => `Removed ${text(s.email)} (${text(s.role)})`,
  "invitation.revoke": (s) => `Revoked the invitation for ${text(s.email)}`,
  "invitation.accept": (s) => `${text(s.email)} joined as ${text(s.role)}`,
  "api_key.create": (s) => `Created the ${text(s.scope)} API key “${text(s.name)}”`,
  "api_key.revoke": (s) => `Revoked the API key “${text(s.name)}”`,
};

export function describeAuditEntry(entry: AuditEntryLike): string {
  const describer = describers[entry.action];
  if (describer) return describer(entry.summary);
  const fields = Object.entries(entry.summary)
    .filter(([, value]) => value !== null && typeof value !== "object")
    .map(([key, value]) => `${key}: ${text(value)}`);
  return fields.length ? `${entry.action} (${fields.join(", ")})` : entry.action;
}

/** Actions and entity types known today, offered as suggestions in the audit log filters. */
export const knownAuditActions = Object.keys(describers);
export const knownEntityTypes = ["workspace", "member", "invitation", "api_key"];
