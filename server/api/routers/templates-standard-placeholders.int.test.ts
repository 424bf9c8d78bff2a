import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { testDatabase } from "@/test/db";
import { signUpOwner } from "@/test/factories";

let db: Database;
beforeAll(async () => {
  db = await testDatabase();
});

describe("standard placeholders through the API", () => {
  it("saves and renders the README's example without declared variables", async () => {
    const { caller } = await signUpOwner(db, { workspaceName: "Standard placeholders" });
    const created = await caller.templates.create({
      name: "Greeting",
      content: "Hi {customer.first_name|there}! {agent.name|Our team} here.",
    });
    expect(created.variables).toEqual([]);
    const plain = await caller.templates.render({ id: created.id });
    expect(plain).toMatchObject({ output: "Hi there! Our team here.", missing: [] });
    const filled = await caller.templates.render({
      id: created.id,
      values: { "customer.first_name": "Jo", "agent.name": "Sam" },
    });
    expect(filled.output).toBe("Hi Jo! Sam here.");
  });
});
