import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { DEFAULT_TRAINING, trainModel } from "@/server/training/model/train";
import { testDatabase } from "@/test/db";
import { signUpOwner } from "@/test/factories";
import { ORDER_TEXTS, REFUND_TEXTS, saveTrainedModel, trainedWorkspace } from "@/test/training";
import { serving } from "./serving";
import { INPUTS_TTL_MS } from "./workspace-inputs";

let db: Database;
beforeAll(async () => {
  db = await testDatabase();
});

describe("serving the deployed model", () => {
  it("serves the deployed version and switches to a new one on deploy (NOTIFY)", async () => {
    const owner = await signUpOwner(db, { workspaceName: "Serving" });
    const trained = await trainedWorkspace(db, owner);
    const first = await owner.caller.suggestions.forMessage({ message: "where is my parcel" });
    expect(first.model?.version).toBe(1);
    expect(first.suggestions[0]?.templateId).toBe(trained.orderId);
    expect(serving().models.stats().models).toBeGreaterThanOrEqual(1);
    // The cache handed the scoring thread its copy; once held there, scores come from the
    // thread and the answer is the same to the last digit.
    const scoring = serving().scoring;
    expect(scoring).not.toBeNull();
    const deadline = Date.now() + 20_000;
    while (scoring && scoring.held() === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(scoring?.held()).toBeGreaterThanOrEqual(1);
    // Concurrent requests ask in one burst, which goes to the thread (a lone one is scored here).
    const scoredBefore = scoring?.scored() ?? 0;
    const burst = await Promise.all(
      [1, 2, 3].map(() => owner.caller.suggestions.forMessage({ message: "where is my parcel" })),
    );
    for (const again of burst) {
      expect(again.suggestions.map((s) => [s.templateId, s.confidence, s.reasons])).toEqual(
        first.suggestions.map((s) => [s.templateId, s.confidence, s.reasons]),
      );
    }
    expect((scoring?.scored() ?? 0) - scoredBefore).toBe(3);

    const model = trainModel(
      [
        ...ORDER_TEXTS.map((text) => ({ text, label: trained.orderId })),
        ...REFUND_TEXTS.map((text) => ({ text, label: trained.refundId })),
      ],
      { ...DEFAULT_TRAINING, refit: false, seed: 9 },
    );
    const next = await saveTrainedModel(db, owner.workspace.id, model, 20);
    await owner.caller.training.deploy({ versionId: next.id });
    // The NOTIFY clears the remembered stamp well before its time-to-live would.
    const started = performance.now();
    let version = first.model?.version;
    while (version !== next.version && performance.now() - started < INPUTS_TTL_MS - 500) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      version = (await owner.caller.suggestions.forMessage({ message: "where is my parcel" })).model
        ?.version;
    }
    expect(version).toBe(next.version);
  });

  it("loads a newly deployed version as soon as the deploy is announced, before any request asks", async () => {
    const served = await signUpOwner(db, { workspaceName: "Preload served" });
    const idle = await signUpOwner(db, { workspaceName: "Preload idle" });
    const servedModel = await trainedWorkspace(db, served);
    const idleModel = await trainedWorkspace(db, idle);
    // This process serves the first workspace (it asked once); the second never asked.
    const first = await served.caller.suggestions.forMessage({ message: "where is my parcel" });
    expect(first.model?.version).toBe(1);
    const retrain = (t: { orderId: string; refundId: string }) =>
      trainModel(
        [
          ...ORDER_TEXTS.map((text) => ({ text, label: t.orderId })),
          ...REFUND_TEXTS.map((text) => ({ text, label: t.refundId })),
        ],
        { ...DEFAULT_TRAINING, refit: false, seed: 9 },
      );
    const idleNext = await saveTrainedModel(db, idle.workspace.id, retrain(idleModel), 20);
    const servedNext = await saveTrainedModel(db, served.workspace.id, retrain(servedModel), 20);
    await idle.caller.training.deploy({ versionId: idleNext.id });
    await served.caller.training.deploy({ versionId: servedNext.id });
    const models = serving().models;
    expect(models.has(served.workspace.id, servedNext.id)).toBe(false);
    const deadline = Date.now() + 10_000;
    while (!models.has(served.workspace.id, servedNext.id) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // Loaded with no suggestion asked since the deploy; its old version is let go.
    expect(models.has(served.workspace.id, servedNext.id)).toBe(true);
    expect(models.servesWorkspace(served.workspace.id)).toBe(true);
    expect(models.has(served.workspace.id, servedModel.versionId)).toBe(false);
    // The idle workspace's deploy was announced first, yet nothing was loaded for it.
    expect(models.servesWorkspace(idle.workspace.id)).toBe(false);
    const next = await served.caller.suggestions.forMessage({ message: "where is my parcel" });
    expect(next.model?.version).toBe(servedNext.version);
  });
});
