/**
 * The workspace the HTTP suggestion benches serve (suggest-http.ts, suggest-http-ab.ts): one
 * active template per BANKING77 label, a model trained in-process on `train` and deployed (the
 * deployed row, as the training job does), an owner to sign in as, and the request paths for the
 * test file's first 500 messages. `teardown` deletes the workspace and its owner.
 */
import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import superjson from "superjson";
import { createWorkspaceCommand } from "@/cli/workspace-commands";
import { closeDatabase, getDatabase } from "@/db";
import { users, workspaces } from "@/db/schema";
import { withTenant } from "@/db/tenant";
import { runInWorkspace } from "@/server/access/run-in-workspace";
import { systemAccess } from "@/server/access/workspace-access";
import { storedDraft } from "@/server/templates/store/rows";
import { insertTemplates } from "@/server/templates/store/write-template";
import { DEFAULT_TRAINING, trainModel } from "@/server/training/model/train";
import { readLabelledCsv } from "@/server/training/service/labelled-csv";
import { deployVersion } from "@/server/training/versions/deployed";
import { versionFromModel } from "@/server/training/versions/from-model";
import { createModelVersion } from "@/server/training/versions/store";

export type SuggestWorkspace = {
  slug: string;
  email: string;
  password: string;
  trainRows: number;
  /** `/api/trpc/suggestions.forMessage?input=…` for the test file's first 500 messages. */
  paths: string[];
  teardown: () => Promise<void>;
};

/** Sets the workspace up on DATABASE_URL's database and closes the connection behind it. */
export async function setUpSuggestWorkspace(options: {
  data: string;
  train: string;
  name: string;
}): Promise<SuggestWorkspace> {
  const train = readLabelledCsv(
    readFileSync(`${options.data}/${options.train}`, "utf8"),
    "text",
    "category",
  );
  const test = readLabelledCsv(
    readFileSync(`${options.data}/test.csv`, "utf8"),
    "text",
    "category",
  );
  const labels = [...new Set(train.map((r) => r.label))].sort();
  const password = "bench suggest password 1";
  const email = `bench-suggest-${crypto.randomUUID().slice(0, 8)}@example.test`;

  const { db } = await getDatabase();
  const created = await createWorkspaceCommand({ name: options.name, ownerEmail: email, password });
  const ws = created.workspace;
  const teardown = async () => {
    const { db: again } = await getDatabase();
    await again.delete(workspaces).where(eq(workspaces.id, ws.id));
    await again.delete(users).where(eq(users.id, created.owner.id));
    await closeDatabase();
  };
  try {
    const ids = await withTenant(db, ws.id, (tx) =>
      insertTemplates(tx, {
        workspaceId: ws.id,
        userId: created.owner.id,
        summary: () => "bench",
        drafts: labels.map((label) =>
          storedDraft({
            name: label.replace(/_/g, " "),
            content: `Hi {customer.first_name|there}, about ${label.replace(/_/g, " ")}: here is what to do.`,
            status: "active",
            category: null,
            tags: [],
            language: "en",
            variables: [],
            triggers: [],
          }),
        ),
      }),
    );
    const templateOf = new Map(labels.map((l, i) => [l, ids[i] ?? ""]));
    const model = trainModel(
      train.map((r) => ({ text: r.text, label: templateOf.get(r.label) ?? "" })),
      DEFAULT_TRAINING,
    );
    const row = versionFromModel(model, { exampleCount: train.length });
    await runInWorkspace(db, await systemAccess(db, ws.id), async (scope) => {
      const version = await createModelVersion(scope.tx, ws.id, row);
      await deployVersion(scope, version.id);
    });
    await closeDatabase();
  } catch (error) {
    await teardown();
    throw error;
  }
  const paths = test
    .slice(0, 500)
    .map(
      (r) =>
        `/api/trpc/suggestions.forMessage?input=${encodeURIComponent(superjson.stringify({ message: r.text, limit: 3 }))}`,
    );
  return { slug: ws.slug, email, password, trainRows: train.length, paths, teardown };
}
