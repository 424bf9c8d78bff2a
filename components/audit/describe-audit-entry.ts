/**
 * Audit rows carry a machine action ("member.change_role") and a JSON summary. This turns the
 * known ones into a sentence and falls back to the action and its fields for the rest, so new
 * actions added by other domains still read sensibly.
 */
import { formatCount, pluralize } from "@/lib/format";

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

type Describer = (s: Record<string, unknown>) => string;

/** "1 example", "4,471 examples"; a value that is not a number is shown as stored. */
const plural = (n: unknown, one: string, many = `${one}s`) =>
  typeof n === "number" ? pluralize(n, one, many) : `${text(n)} ${many}`;
/** "4,471"; a value that is not a number is shown as stored. */
const count = (n: unknown) => (typeof n === "number" ? formatCount(n) : text(n));
const percent = (value: unknown) =>
  typeof value === "number" ? `${Math.round(value * 100)}%` : text(value);

const trainingDescribers: Record<string, Describer> = {
  "model.train_start": (s) => {
    const scenarios =
      Number(s.scenarioExamples) > 0
        ? `, with ${plural(s.scenarioExamples, "scenario example")}`
        : "";
    return `Started a training run${scenarios}${s.deploy === true ? " (deploys when it passes)" : ""}`;
  },
  "model.train": (s) =>
    `Trained model version ${text(s.version)} on ${plural(s.examples, "example")}`,
  "model.deploy": (s) =>
    s.previousVersion === null || s.previousVersion === undefined
      ? `Deployed model version ${text(s.version)}`
      : `Deployed model version ${text(s.version)} (version ${text(s.previousVersion)} was live)`,
  "model.rollback": (s) =>
    s.previousVersion === null || s.previousVersion === undefined
      ? `Rolled back to model version ${text(s.version)}`
      : `Rolled back from model version ${text(s.previousVersion)} to version ${text(s.version)}`,
  "model.scenarios_run": (s) =>
    `Ran ${plural(s.scenarios, "test scenario")} on a model version: ${percent(s.top1)} right`,
  "scenario.create": () => "Added a test scenario",
  "scenario.update": () => "Edited a test scenario",
  "scenario.delete": () => "Deleted a test scenario",
  "dataset.upload": (s) =>
    `Uploaded the dataset “${text(s.name)}”${s.duplicateOf ? " (the same file as an earlier upload)" : ""}`,
  "dataset.delete": (s) =>
    `Deleted the dataset “${text(s.name)}” (${plural(s.rows, "row")}, ${plural(s.examples, "training example")})`,
  "dataset.map_labels": (s) =>
    `Mapped ${plural(s.mapped, "dataset label")} to templates (${plural(s.examples, "training example")})`,
  "dataset.create_templates": (s) =>
    `Created ${plural(s.created, "template")} from a dataset's labels (${plural(s.examples, "training example")})`,
  "dataset.match_replies": (s) =>
    `Matched ${text(s.matched)} of ${plural(s.pairs, "past reply", "past replies")} to templates`,
  "dataset.create_faq_templates": (s) =>
    `Created ${plural(s.templates, "template")} from FAQ entries (${plural(s.examples, "training example")})`,
  "job.cancel": () => "Cancelled a background job",
  "job.retry": () => "Retried a background job",
};

const insightDescribers: Record<string, Describer> = {
  "analysis.start": (s) =>
    s.by === "seed"
      ? "Ran a first analysis of the demo dataset"
      : `Started an analysis of ${s.source === "inbox" ? "inbox messages" : "a dataset"}`,
  "knowledge_gap.resolve": (s) =>
    `Resolved a knowledge gap with a template (${plural(s.examplesAdded, "training example")} added)`,
  "knowledge_gap.dismiss": (s) =>
    s.reason ? `Dismissed a knowledge gap: “${text(s.reason)}”` : "Dismissed a knowledge gap",
  "knowledge_gap.draft_template": () => "Drafted a template for a knowledge gap",
  "analytics.backfill": (s) => `Recomputed analytics from ${text(s.from)} to ${text(s.to)}`,
  "ab_test.create": (s) =>
    `Created an A/B test (${plural(s.plannedPerVariant, "conversation")} per variant)`,
  "ab_test.start": () => "Started an A/B test",
  "ab_test.stop": () => "Stopped an A/B test",
  "ab_test.promote": (s) =>
    `Promoted variant ${text(s.variant)} of an A/B test; the template is now version ${text(s.version)}`,
  "ai.settings.update": (s) =>
    s.enabled === false
      ? "Turned AI features off"
      : `Changed the AI settings (provider ${text(s.provider)}, API key ${text(s.apiKey)})`,
};

/** "3 messages", or "3 new messages (2 already there)" when some were repeats. */
const arrived = (s: Record<string, unknown>) => {
  const stored = typeof s.stored === "number" ? s.stored : 0;
  const repeats = typeof s.received === "number" ? s.received - stored : 0;
  return repeats > 0
    ? `${plural(stored, "new message")} (${formatCount(repeats)} already there)`
    : plural(stored, "message");
};

const inboxDescribers: Record<string, Describer> = {
  "conversation.reply": (s) =>
    s.templateId ? "Replied to a conversation with a template" : "Replied to a conversation",
  "conversation.note": () => "Added an internal note to a conversation",
  "conversation.status": (s) =>
    `Marked a conversation ${text(s.status)}${s.csat ? ` (CSAT ${text(s.csat)})` : ""}`,
  "conversation.assign": (s) =>
    s.assigneeId ? "Assigned a conversation" : "Unassigned a conversation",
  "inbox.ingest": (s) => `Pushed ${arrived(s)} into the inbox from “${text(s.source)}”`,
  "inbox.webhook": (s) => `Received ${arrived(s)} by the inbox webhook`,
  "inbox.settings.update": () => "Changed where inbox replies are delivered",
  "inbox.webhookSecret.rotate": () => "Rotated the inbox webhook secret",
};

const describers: Record<string, Describer> = {
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
      s.created ? `${count(s.created)} created` : "",
      s.copied ? `${count(s.copied)} copied` : "",
      s.overwritten ? `${count(s.overwritten)} overwritten` : "",
      s.skipped ? `${count(s.skipped)} skipped` : "",
    ].filter(Boolean);
    const format = text(s.format).toUpperCase();
    // A large import writes one row per chunk of 250 (each in its chunk's transaction).
    const part =
      typeof s.chunks === "number" && s.chunks > 1
        ? ` (part ${text(s.chunk)} of ${text(s.chunks)})`
        : "";
    return parts.length > 0
      ? `Imported a ${format} file${part}: ${parts.join(", ")}`
      : `Imported ${plural(s.count, "template")} from a ${format} file${part}`;
  },
  "template_category.rename": (s) =>
    `Renamed the template category “${text(s.from)}” to “${text(s.to)}”`,
  "template_category.merge": (s) =>
    `Merged the template category “${text(s.from)}” into “${text(s.into)}” (${text(s.templates)} templates moved)`,
  "template_category.remove": (s) =>
    `Deleted the template category “${text(s.name)}” (${text(s.templates)} templates left without one)`,
  "template.optimize": (s) => `Asked AI for a better version of the template “${text(s.name)}”`,
  "template.optimization.accept": (s) =>
    `Accepted the AI's version of the template “${text(s.name)}”, now version ${text(s.version)}`,
  "template.optimization.discard": () => "Discarded an AI proposal for a template",
  ...trainingDescribers,
  ...insightDescribers,
  ...inboxDescribers,
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
  return laterDomainHref(entry, slug, entry.entityId);
}

function laterDomainHref(entry: AuditEntryLike, slug: string, id: string): string | null {
  const base = `/w/${slug}`;
  switch (entry.entityType) {
    case "model_version":
      return `${base}/training/versions/${id}`;
    case "dataset":
      return entry.action === "dataset.delete" ? null : `${base}/training/datasets/${id}`;
    case "scenario":
      return entry.action === "scenario.delete" ? null : `${base}/training/scenarios`;
    case "job":
      return entry.action === "model.train_start"
        ? `${base}/training/jobs/${id}`
        : `${base}/settings/jobs`;
    case "analysis_run":
      return `${base}/insights?run=${id}`;
    case "knowledge_gap":
      return `${base}/insights/gaps/${id}`;
    case "ab_test":
      return `${base}/analytics/ab-tests`;
    default:
      return null;
  }
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
  "model_version",
  "dataset",
  "scenario",
  "job",
  "analysis_run",
  "knowledge_gap",
  "ab_test",
  "conversation",
];

/** "template.restore_version" → "Template: restore version", for the action list. */
export function actionLabel(action: string): string {
  const [entity = "", verb = ""] = action.split(".");
  const words = (s: string) => s.replaceAll("_", " ");
  const title = words(entity);
  return `${title.charAt(0).toUpperCase()}${title.slice(1)}: ${words(verb)}`;
}
