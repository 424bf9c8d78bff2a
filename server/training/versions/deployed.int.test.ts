import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { readRows } from "@/db/migrate";
import { auditLog } from "@/db/schema";
import { withTenant } from "@/db/tenant";
import { systemScopeIn } from "@/server/access/run-in-workspace";
import { loadTrainingExamples } from "@/server/training/examples/store";
import { predict } from "@/server/training/model/model";
import { deserializeModel, serializeModel } from "@/server/training/model/serialize";
import { DEFAULT_TRAINING, trainModel } from "@/server/training/model/train";
import { testDatabase } from "@/test/db";
import { signUpOwner } from "@/test/factories";
import { seedTwoTemplateExamples } from "@/test/training";
import {
  deployVersion,
  getDeployedModelStamp,
  loadModelArtifact,
  rollbackDeployment,
  rollbackTarget,
} from "./deployed";
import { versionFromModel } from "./from-model";
import { createModelVersion } from "./store";

let db: Database;
beforeAll(async () => {
  db = await testDatabase();
});

describe("model versions and deployment", () => {
  it("writes one version per job, deploys, rolls back, and loads the artefact", async () => {
    const owner = await signUpOwner(db);
    const ws = owner.workspace;
    const { orderId } = await seedTwoTemplateExamples(db, owner.caller, ws.id);
    const examples = await withTenant(db, ws.id, (tx) => loadTrainingExamples(tx));
    const model = trainModel(
      examples.map((e) => ({ text: e.text, label: e.templateId })),
      { ...DEFAULT_TRAINING, refit: false },
    );
    const bytes = serializeModel(model);
    const jobId = crypto.randomUUID();
    const write = (job: string | null) =>
      withTenant(db, ws.id, (tx) =>
        createModelVersion(
          tx,
          ws.id,
          versionFromModel(model, { exampleCount: examples.length, jobId: job, artifact: bytes }),
        ),
      );
    const first = await write(jobId);
    const again = await write(jobId);
    expect(again).toEqual({ ...first, created: false });
    expect(first.version).toBe(1);
    const second = await write(null);
    expect(second.version).toBe(2);

    expect(await withTenant(db, ws.id, (tx) => getDeployedModelStamp(tx))).toBeNull();
    const workspace = { ...ws, locale: "en", currency: "USD", timezone: "UTC" };
    const target = () => withTenant(db, ws.id, (tx) => rollbackTarget(tx));
    expect(await target()).toBeNull();
    await withTenant(db, ws.id, (tx) => deployVersion(systemScopeIn(tx, workspace), first.id));
    // The first version ever deployed has nothing before it: no rollback is offered.
    expect(await target()).toBeNull();
    await expect(
      withTenant(db, ws.id, (tx) => rollbackDeployment(systemScopeIn(tx, workspace))),
    ).rejects.toThrow("There is no earlier version to roll back to");
    await withTenant(db, ws.id, (tx) => deployVersion(systemScopeIn(tx, workspace), second.id));
    expect(await target()).toEqual({ versionId: first.id, version: 1 });
    expect(await withTenant(db, ws.id, (tx) => getDeployedModelStamp(tx))).toEqual({
      versionId: second.id,
      version: 2,
    });
    const rolled = await withTenant(db, ws.id, (tx) =>
      rollbackDeployment(systemScopeIn(tx, workspace)),
    );
    expect(rolled.versionId).toBe(first.id);
    // Back at the first deployed version: nothing earlier to roll back to again.
    expect(await target()).toBeNull();
    expect(await withTenant(db, ws.id, (tx) => getDeployedModelStamp(tx))).toEqual({
      versionId: first.id,
      version: 1,
    });

    const artefact = await withTenant(db, ws.id, (tx) => loadModelArtifact(tx, first.id));
    expect(artefact?.labels).toEqual(model.labels);
    const loaded = deserializeModel(artefact?.bytes ?? new Uint8Array());
    expect(predict(loaded, "where is my parcel").candidates[0]?.label).toBe(orderId);

    const actions = await withTenant(db, ws.id, (tx) =>
      tx.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.workspaceId, ws.id)),
    );
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(["model.deploy", "model.rollback"]),
    );
    // Another workspace sees neither the deployment nor the artefact.
    const other = await signUpOwner(db);
    expect(await withTenant(db, other.workspace.id, (tx) => getDeployedModelStamp(tx))).toBeNull();
    expect(
      await withTenant(db, other.workspace.id, (tx) => loadModelArtifact(tx, first.id)),
    ).toBeNull();
    const history = readRows<{ n: number }>(
      await db.execute(
        sql`select count(*)::int as n from model_deployment_events where workspace_id = ${ws.id}`,
      ),
    );
    expect(history[0]?.n).toBe(3);
  });
});
