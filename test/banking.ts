import { readFileSync } from "node:fs";
import path from "node:path";
import type { Database } from "@/db";
import { withTenant } from "@/db/tenant";
import { insertTrainingExamples } from "@/server/training/examples/store";
import { readLabelledCsv } from "@/server/training/service/labelled-csv";
import type { Caller } from "./factories";

/**
 * BANKING77 from the shared datasets folder beside the clone (`../shared/datasets`, as
 * bench/model.ts finds it; CI's clone sits beside `shared` too).
 */
export const BANKING77 = path.resolve("../shared/datasets/banking77");

export function bankingRows(file: string) {
  return readLabelledCsv(readFileSync(path.join(BANKING77, file), "utf8"), "text", "category");
}

/**
 * One template per BANKING77 label (named after it) and the file's rows as labelled examples,
 * inserted through the examples store (uploading is the datasets feature's own path).
 */
export async function loadBankingExamples(
  db: Database,
  caller: Caller,
  workspaceId: string,
  file: string,
) {
  const rows = bankingRows(file);
  const labels = [...new Set(rows.map((r) => r.label))].sort();
  const idOf = new Map<string, string>();
  for (const label of labels) {
    const template = await caller.templates.create({
      name: label,
      category: "Banking",
      content: `Answer for ${label.replace(/_/g, " ")}.`,
      status: "active",
      tags: [],
      language: "en",
      variables: [],
      triggers: [],
    });
    idOf.set(label, template.id);
  }
  const { inserted } = await withTenant(db, workspaceId, (tx) =>
    insertTrainingExamples(
      tx,
      workspaceId,
      rows.map((r) => ({
        text: r.text,
        templateId: idOf.get(r.label) ?? "",
        source: "labelled" as const,
        label: r.label,
      })),
    ),
  );
  return { rows: rows.length, inserted, labels: labels.length, idOf };
}
