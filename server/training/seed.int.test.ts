import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { readRows } from "@/db/migrate";
import { seedDemo } from "@/db/seed";
import { withTenant } from "@/db/tenant";
import { testDatabase } from "@/test/db";
import { getDeployedModelStamp } from "./versions/deployed";

let db: Database;
beforeAll(async () => {
  db = await testDatabase();
});

async function versions(workspaceId: string) {
  const [row] = readRows<{ n: number }>(
    await db.execute(
      sql`select count(*)::int as n from model_versions where workspace_id = ${workspaceId}`,
    ),
  );
  return row?.n ?? 0;
}

describe("the demo seed's model", () => {
  it("trains and deploys a version once; a second seed changes nothing", async () => {
    const first = await seedDemo(db);
    expect(await versions(first.workspaceId)).toBeGreaterThanOrEqual(1);
    const stamp = await withTenant(db, first.workspaceId, (tx) => getDeployedModelStamp(tx));
    expect(stamp).not.toBeNull();
    const count = await versions(first.workspaceId);
    const second = await seedDemo(db);
    expect(second.model.trained).toBe(false);
    expect(await versions(first.workspaceId)).toBe(count);
    expect(await withTenant(db, first.workspaceId, (tx) => getDeployedModelStamp(tx))).toEqual(
      stamp,
    );
  }, 60_000);
});
