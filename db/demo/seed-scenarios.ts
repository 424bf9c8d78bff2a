/**
 * The demo workspace's test scenarios: db/demo/scenarios.json, twelve customer messages written
 * for this demo (not taken from the Bitext dataset the model trains on), each with the template
 * that should answer it and a difficulty. The seeded model is evaluated on them
 * (server/training/seed.ts), so the Training page shows a scenario run from the start, failures
 * included. Skipped when the workspace has any scenario: the seed stays idempotent.
 */
import { inArray, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import scenarios from "@/db/demo/scenarios.json";
import { readRows } from "@/db/migrate";
import { templates } from "@/db/schema";
import { createScenario } from "@/server/training/scenarios/store";

/** Returns the number of scenarios written (0 when the workspace already had some). */
export async function seedDemoScenarios(tx: Tx, workspaceId: string): Promise<number> {
  const [existing] = readRows<{ n: number }>(
    await tx.execute(sql`select count(*)::int as n from training_scenarios`),
  );
  if ((existing?.n ?? 0) > 0) return 0;
  const names = [...new Set(scenarios.map((s) => s.template))];
  const rows = await tx
    .select({ id: templates.id, name: templates.name })
    .from(templates)
    .where(inArray(templates.name, names));
  const idOf = new Map(rows.map((r) => [r.name, r.id]));
  let written = 0;
  for (const scenario of scenarios) {
    const templateId = idOf.get(scenario.template);
    // A demo template renamed or deleted by hand: its scenario is left out, not invented.
    if (!templateId) continue;
    await createScenario(tx, workspaceId, {
      text: scenario.text,
      templateId,
      difficulty: scenario.difficulty,
      tags: ["demo"],
    });
    written++;
  }
  return written;
}
