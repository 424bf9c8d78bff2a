import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { abTests, abTestVariants } from "@/db/schema";
import { assignVariant } from "./assignment";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type RunningVariant = {
  testId: string;
  templateId: string;
  variantId: string;
  weight: number;
  content: string;
};
export type AssignedVariant = { testId: string; variantId: string; content: string };

/** The variants of the running tests (of these templates, or all), in position order. */
export async function runningVariants(
  tx: Tx,
  templateIds?: readonly string[],
): Promise<RunningVariant[]> {
  if (templateIds && templateIds.length === 0) return [];
  return tx
    .select({
      testId: abTests.id,
      templateId: abTests.templateId,
      variantId: abTestVariants.id,
      weight: abTestVariants.weight,
      content: abTestVariants.content,
    })
    .from(abTests)
    .innerJoin(
      abTestVariants,
      and(
        eq(abTestVariants.testId, abTests.id),
        eq(abTestVariants.workspaceId, abTests.workspaceId),
      ),
    )
    .where(
      and(
        eq(abTests.status, "running"),
        templateIds ? inArray(abTests.templateId, [...templateIds]) : undefined,
      ),
    )
    .orderBy(asc(abTests.id), asc(abTestVariants.position));
}

/** Template id → the conversation's variant of its running test (pure, deterministic). */
export function assignedVariants(
  running: readonly RunningVariant[],
  conversationId: string,
  templateIds: readonly string[],
): Map<string, AssignedVariant> {
  const wanted = new Set(templateIds);
  const byTest = new Map<string, RunningVariant[]>();
  for (const r of running) {
    if (wanted.has(r.templateId)) byTest.set(r.testId, [...(byTest.get(r.testId) ?? []), r]);
  }
  const out = new Map<string, AssignedVariant>();
  for (const [testId, variants] of byTest) {
    const v = assignVariant(
      testId,
      conversationId,
      variants.map((x) => ({ ...x, id: x.variantId })),
    );
    out.set(v.templateId, { testId, variantId: v.variantId, content: v.content });
  }
  return out;
}

/**
 * Stores the exposures; the first one wins (the variant is deterministic anyway). Only for a
 * conversation that exists here: a suggestion request may name any id.
 */
export async function recordExposures(
  tx: Tx,
  workspaceId: string,
  conversationId: string,
  assigned: Map<string, AssignedVariant>,
): Promise<void> {
  if (!UUID.test(conversationId)) return;
  for (const a of assigned.values()) {
    await tx.execute(sql`insert into ab_test_assignments
        (workspace_id, test_id, conversation_id, variant_id)
      select ${workspaceId}, ${a.testId}, c.id, ${a.variantId}
      from conversations c where c.id = ${conversationId}
      on conflict do nothing`);
  }
}

/**
 * A reply sent with a template under test: the conversation's variant, exposure stored. Agents
 * see these bodies instead of the template's content (suggestions render them).
 */
export async function exposeVariants(
  tx: Tx,
  workspaceId: string,
  conversationId: string,
  templateIds: readonly string[],
): Promise<Map<string, AssignedVariant>> {
  const running = await runningVariants(tx, templateIds);
  const assigned = assignedVariants(running, conversationId, templateIds);
  await recordExposures(tx, workspaceId, conversationId, assigned);
  return assigned;
}
