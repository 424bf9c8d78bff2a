/**
 * The demo workspace's FAQ: db/demo/faq.json (questions written for 11 Bitext intents, each
 * answered with one of Bitext's own responses to that intent; see README.md), stored as a ready
 * "faq" dataset so the inbox can ground AI drafts in it and, without a provider, show the
 * closest FAQ answers. Skipped when the workspace already has it: the seed stays idempotent.
 */
import { eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import faq from "@/db/demo/faq.json";
import { datasets } from "@/db/schema";
import { stageRows } from "@/server/training/datasets-store/staging";

export const DEMO_FAQ_NAME = "Help centre FAQ (demo)";

/** Returns the number of FAQ rows written (0 when the dataset was already there). */
export async function seedDemoFaq(tx: Tx, workspaceId: string): Promise<number> {
  const [existing] = await tx
    .select({ id: datasets.id })
    .from(datasets)
    .where(eq(datasets.name, DEMO_FAQ_NAME))
    .limit(1);
  if (existing) return 0;
  const [row] = await tx
    .insert(datasets)
    .values({
      workspaceId,
      name: DEMO_FAQ_NAME,
      kind: "faq",
      status: "ready",
      rowCount: faq.length,
    })
    .returning({ id: datasets.id });
  if (!row) throw new Error("the demo FAQ dataset was not created");
  await stageRows(
    tx,
    workspaceId,
    row.id,
    faq.map((entry, seq) => ({
      seq,
      line: seq + 2,
      row: { kind: "faq" as const, question: entry.question, answer: entry.answer },
    })),
  );
  return faq.length;
}
