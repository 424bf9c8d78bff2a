import { and, desc, eq } from "drizzle-orm";
import { templateOptimizations, users } from "@/db/schema";
import { conflict, notFound } from "@/server/errors";
import { draftOf, getTemplate, loadTemplate, type TemplateDetail } from "../store/read-template";
import { requireValidDraft } from "../store/require-valid-draft";
import { type PersonRef, personRef } from "../store/rows";
import { saveNextVersion } from "../store/template-commands";
import { actingUserId, type TemplateScope } from "../store/template-scope";

export type OptimizationSummary = {
  id: string;
  createdAt: Date;
  requestedBy: PersonRef;
  source: string;
  model: string | null;
  goal: string | null;
  baseVersion: number;
  status: string;
  acceptedVersion: number | null;
  originalContent: string;
  optimizedContent: string;
  improvementAreas: unknown[];
};

/** A template's optimisations, newest first: where each accepted wording came from. */
export async function listOptimizations(
  scope: TemplateScope,
  input: { templateId: string },
): Promise<OptimizationSummary[]> {
  await loadTemplate(scope, input.templateId);
  const rows = await scope.tx
    .select({
      id: templateOptimizations.id,
      createdAt: templateOptimizations.createdAt,
      name: users.name,
      email: users.email,
      source: templateOptimizations.source,
      model: templateOptimizations.model,
      goal: templateOptimizations.goal,
      baseVersion: templateOptimizations.baseVersion,
      status: templateOptimizations.status,
      acceptedVersion: templateOptimizations.acceptedVersion,
      originalContent: templateOptimizations.originalContent,
      optimizedContent: templateOptimizations.optimizedContent,
      improvementAreas: templateOptimizations.improvementAreas,
    })
    .from(templateOptimizations)
    .leftJoin(users, eq(users.id, templateOptimizations.requestedBy))
    .where(
      and(
        eq(templateOptimizations.workspaceId, scope.workspace.id),
        eq(templateOptimizations.templateId, input.templateId),
      ),
    )
    .orderBy(desc(templateOptimizations.createdAt))
    .limit(50);
  return rows.map(({ name, email, ...row }) => ({ ...row, requestedBy: personRef(name, email) }));
}

async function loadProposal(scope: TemplateScope, id: string) {
  const [row] = await scope.tx
    .select()
    .from(templateOptimizations)
    .where(
      and(
        eq(templateOptimizations.workspaceId, scope.workspace.id),
        eq(templateOptimizations.id, id),
      ),
    )
    .for("update");
  if (!row) throw notFound("Optimisation");
  if (row.status !== "proposed") throw conflict(`This optimisation was already ${row.status}`);
  return row;
}

/**
 * Accepting saves the rewrite as the template's next version, its change summary naming the
 * origin, and the optimisation row records which version it became. Refused when the template
 * changed since the rewrite was made (it would overwrite those changes).
 */
export async function acceptOptimization(
  scope: TemplateScope,
  input: { id: string },
): Promise<TemplateDetail & { acceptedVersion: number }> {
  const proposal = await loadProposal(scope, input.id);
  const current = await loadTemplate(scope, proposal.templateId, { lock: true });
  if (current.currentVersion !== proposal.baseVersion) {
    throw conflict(
      `The template changed since this rewrite was made (version ${proposal.baseVersion}, now ${current.currentVersion}). Optimise it again.`,
    );
  }
  const origin =
    proposal.source === "ai"
      ? `AI optimisation (${proposal.model ?? "unknown model"})`
      : "local optimiser (rule-based, not AI)";
  // The same gate as every save: a rewrite that is too long or malformed is refused here.
  const draft = requireValidDraft({ ...draftOf(current), content: proposal.optimizedContent });
  const saved = await saveNextVersion(scope, current, draft, { summary: `accepted ${origin}` });
  const version = saved === "no changes" ? current.currentVersion : current.currentVersion + 1;
  await scope.tx
    .update(templateOptimizations)
    .set({
      status: "accepted",
      acceptedVersion: version,
      decidedBy: actingUserId(scope),
      decidedAt: new Date(),
    })
    .where(
      and(
        eq(templateOptimizations.workspaceId, scope.workspace.id),
        eq(templateOptimizations.id, proposal.id),
      ),
    );
  await scope.audit({
    action: "template.optimization.accept",
    entityType: "template",
    entityId: current.id,
    summary: {
      name: current.name,
      optimization: proposal.id,
      source: proposal.source,
      model: proposal.model,
      version,
    },
  });
  return { ...(await getTemplate(scope, current.id)), acceptedVersion: version };
}

export async function discardOptimization(
  scope: TemplateScope,
  input: { id: string },
): Promise<{ id: string }> {
  const proposal = await loadProposal(scope, input.id);
  // Only someone who may change the template decides on its rewrites (store/visibility.ts).
  await loadTemplate(scope, proposal.templateId, { lock: true });
  await scope.tx
    .update(templateOptimizations)
    .set({ status: "discarded", decidedBy: actingUserId(scope), decidedAt: new Date() })
    .where(
      and(
        eq(templateOptimizations.workspaceId, scope.workspace.id),
        eq(templateOptimizations.id, proposal.id),
      ),
    );
  await scope.audit({
    action: "template.optimization.discard",
    entityType: "template",
    entityId: proposal.templateId,
    summary: { optimization: proposal.id },
  });
  return { id: proposal.id };
}
