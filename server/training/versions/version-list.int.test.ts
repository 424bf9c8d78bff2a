import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { DEFAULT_TRAINING, trainModel } from "@/server/training/model/train";
import { testDatabase } from "@/test/db";
import { catchError, signUpOwner } from "@/test/factories";
import { ORDER_TEXTS, REFUND_TEXTS, saveTrainedModel, trainedWorkspace } from "@/test/training";

/**
 * `training.versions` past its first page: keyset on the version number, the workspace's
 * total and its deployed version on every page (the training page's header and rollback need
 * them when the live version is older than the loaded rows), seen only by its own workspace.
 */
let db: Database;
let a: Awaited<ReturnType<typeof signUpOwner>>;
let b: Awaited<ReturnType<typeof signUpOwner>>;

beforeAll(async () => {
  db = await testDatabase();
  a = await signUpOwner(db, { workspaceName: "Versions A" });
  b = await signUpOwner(db, { workspaceName: "Versions B" });
  const trained = await trainedWorkspace(db, a); // version 1, deployed
  const model = trainModel(
    [
      ...ORDER_TEXTS.map((text) => ({ text, label: trained.orderId })),
      ...REFUND_TEXTS.map((text) => ({ text, label: trained.refundId })),
    ],
    { ...DEFAULT_TRAINING, refit: false, seed: 3 },
  );
  for (let i = 0; i < 4; i++) await saveTrainedModel(db, a.workspace.id, model, 20 + i);
}, 120_000);

describe("training.versions pages", () => {
  it("lists every version once, newest first, in pages of two", async () => {
    const seen: number[] = [];
    const cursors: (number | null)[] = [];
    let cursor: number | null = null;
    do {
      const page = await a.caller.training.versions({ limit: 2, cursor });
      expect(page.total).toBe(5);
      expect(page.deployed?.version).toBe(1);
      expect(page.versions.length).toBeLessThanOrEqual(2);
      seen.push(...page.versions.map((v) => v.version));
      cursor = page.nextCursor;
      cursors.push(cursor);
    } while (cursor !== null);
    expect(seen).toEqual([5, 4, 3, 2, 1]);
    expect(cursors).toEqual([4, 2, null]);
  });

  it("names the deployed version on a page that does not hold it", async () => {
    const first = await a.caller.training.versions({ limit: 2 });
    expect(first.versions.map((v) => v.deployed)).toEqual([false, false]);
    expect(first.deployed).toEqual({ id: expect.any(String), version: 1 });
    expect(first.rollbackTo).toBeNull();
    const last = await a.caller.training.versions({ limit: 2, cursor: 2 });
    expect(last.versions).toEqual([expect.objectContaining({ version: 1, deployed: true })]);
    expect(last.versions[0]?.id).toBe(first.deployed?.id);
  });

  it("a page exactly as long as what is left has no next cursor", async () => {
    const all = await a.caller.training.versions({ limit: 5 });
    expect(all.versions).toHaveLength(5);
    expect(all.nextCursor).toBeNull();
    const older = await a.caller.training.versions({ limit: 50, cursor: 3 });
    expect(older.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(older.nextCursor).toBeNull();
  });

  it("another workspace sees none of them, with or without a cursor", async () => {
    for (const cursor of [null, 4, 2_147_483_647]) {
      const page = await b.caller.training.versions({ limit: 2, cursor });
      expect(page).toMatchObject({ versions: [], nextCursor: null, total: 0, deployed: null });
      expect(page.deployments).toEqual([]);
    }
  });

  it("refuses a cursor that is not a version number with BAD_REQUEST", async () => {
    for (const cursor of [0, -1, 1.5, 2 ** 31]) {
      const error = await catchError(a.caller.training.versions({ limit: 2, cursor }));
      expect(error.code).toBe("BAD_REQUEST");
    }
    const error = await catchError(
      // @ts-expect-error a string where a version number belongs
      a.caller.training.versions({ limit: 2, cursor: "4" }),
    );
    expect(error.code).toBe("BAD_REQUEST");
  });
});
