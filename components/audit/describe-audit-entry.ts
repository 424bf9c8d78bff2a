/**
 * Audit rows carry a machine action ("member.change_role") and a JSON summary. This turns the
 * known ones into a sentence and falls back to the action and its fields for the rest, so new
 * actions added by other domains still read sensibly.
 */
export type AuditEntryLike = {
  action: string;
  entityType: string;
  entityId?: string | null;
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
  "template.create": (s) => `Created the template “${text(s.name)}”`,
  "template.update": (s) =>
    s.changes === "no changes"
      ? `Saved the template “${text(s.name)}” without changes`
      : `Edited the template “${text(s.name)}” (${text(s.changes)}), now version ${text(s.version)}`,
  "template.archive": (s) => `Archived the template “${text(s.name)}”`,
  "template.restore": (s) => `Restored the template “${text(s.name)}” from the archive`,
  "template.restore_version": (s) =>
    `Restored version ${text(s.restored)} of the template “${text(s.name)}”`,
  "template.duplicate": (s) => `Made the copy “${text(s.name)}” of another template`,
  "template.trash": (s) => `Moved the template “${text(s.name)}” to the trash`,
  "template.untrash": (s) => `Restored the template “${text(s.name)}” from the trash`,
  "template.visibility": (s) =>
    `Made the template “${text(s.name)}” ${s.to === "personal" ? "personal" : s.to === "admins" ? "shared with admins only" : "shared with everyone"}`,
  "template.translate": (s) =>
    `Added a ${text(s.language)} translation of the template “${text(s.name)}”`,
  "template.purge": (s) => `Deleted the template “${text(s.name)}” for good (30 days in the trash)`,
  "template.use": () => "Used a template in a reply",
  "template.favourite": (s) => `Added the template “${text(s.name)}” to their favourites`,
  "template.unfavourite": (s) => `Removed the template “${text(s.name)}” from their favourites`,
  "template.export": (s) =>
    `Exported ${text(s.count)} templates as ${text(s.format).toUpperCase()}`,
  "template.import": (s) => {
    const parts = [
      s.created ? `${text(s.created)} created` : "",
      s.copied ? `${text(s.copied)} copied` : "",
      s.overwritten ? `${text(s.overwritten)} overwritten` : "",
      s.skipped ? `${text(s.skipped)} skipped` : "",
    ].filter(Boolean);
    const format = text(s.format).toUpperCase();
    return parts.length > 0
      ? `Imported a ${format} file: ${parts.join(", ")}`
      : `Imported ${text(s.count)} templates from a ${format} file`;
  },
  "template_category.rename": (s) =>
    `Renamed the template category “${text(s.from)}” to “${text(s.to)}”`,
  "template_category.merge": (s) =>
    `Merged the template category “${text(s.from)}” into “${text(s.into)}” (${text(s.templates)} templates moved)`,
  "template_category.remove": (s) =>
    `Deleted the template category “${text(s.name)}” (${text(s.templates)} templates left without one)`,
};

/** Where an entry's subject can be seen now, when it still exists: a link beside the sentence. */
export function auditEntryHref(entry: AuditEntryLike, slug: string): string | null {
  if (!entry.entityId) return null;
  if (entry.entityType === "template") {
    if (entry.action === "template.purge" || entry.action === "template.trash") {
      return entry.action === "template.trash" ? `/w/${slug}/templates/trash` : null;
    }
    return `/w/${slug}/templates/${entry.entityId}`;
  }
  if (entry.entityType === "member" || entry.entityType === "invitation") {
    return `/w/${slug}/settings/members`;
  }
  if (entry.entityType === "api_key") return `/w/${slug}/settings/api-keys`;
  return null;
}

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
export const knownEntityTypes = [
  "workspace",
  "member",
  "invitation",
  "api_key",
  "template",
  "template_category",
];

/** "template.restore_version" → "Template: restore version", for the action list. */
export function actionLabel(action: string): string {
  const [entity = "", verb = ""] = action.split(".");
  const words = (s: string) => s.replaceAll("_", " ");
  const title = words(entity);
  return `${title.charAt(0).toUpperCase()}${title.slice(1)}: ${words(verb)}`;
}
