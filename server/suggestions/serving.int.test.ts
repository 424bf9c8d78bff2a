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
});
