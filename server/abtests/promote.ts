import { eq, sql } from "drizzle-orm";
import { abTests } from "@/db/schema";
import { badRequest, conflict } from "@/server/errors";
import { draftOf, loadTemplate } from "@/server/templates/store/read-template";
import { saveNextVersion } from "@/server/templates/store/template-commands";
import type { TemplateScope } from "@/server/templates/store/template-scope";
import { abTestResults, getAbTest } from "./store";

/**
 * Makes the winning variant's body the template's next version (the templates domain's own
 * versioning, so history, search and audit follow) and completes the test. Only after the
 * horizon: the verdict must exist. An admin may promote another variant than the computed
 * winner (e.g. on a non-significant result) by naming it.
 */
export async function promoteWinner(
  scope: TemplateScope,
  input: { id: string; variantId?: string },
) {
  const test = await getAbTest(scope, input.id);
  if (test.status === "completed") throw conflict("This test is already completed");
  if (test.status === "draft") throw conflict("A test that never ran has no winner");
  const results = await abTestResults(scope, input.id);
  if (!results.verdict) {
    throw conflict(
      `The verdict is hidden until every variant reaches ${results.plannedPerVariant} (now ${results.progress.minN})`,
    );
  }
  const variantId = input.variantId ?? results.verdict.winnerVariantId;
  const variant = test.variants.find((v) => v.id === variantId);
  if (!variant) throw badRequest("No significant winner: name the variant to promote");
  const current = await loadTemplate(scope, test.templateId, { lock: true });
  const changes = await saveNextVersion(
    scope,
    current,
    { ...draftOf(current), content: variant.content },
    { summary: `A/B test "${test.name}": promoted ${variant.label}` },
  );
  const version = current.currentVersion + (changes === "no changes" ? 0 : 1);
  await scope.tx
    .update(abTests)
    .set({
      status: "completed",
      winnerVariantId: variant.id,
      promotedVersion: version,
      stoppedAt: sql`coalesce(${abTests.stoppedAt}, now())`,
      updatedAt: sql`now()`,
    })
    .where(eq(abTests.id, test.id));
  await scope.audit({
    action: "ab_test.promote",
    entityType: "ab_test",
    entityId: test.id,
    summary: { templateId: test.templateId, variant: variant.label, version },
  });
  return { templateId: test.templateId, version, variantId: variant.id };
}
