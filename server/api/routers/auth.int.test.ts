import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { auditLog, memberships, users } from "@/db/schema";
import { withTenant } from "@/db/tenant";
import { resetEnvForTests } from "@/server/env";
import { testDatabase } from "@/test/db";
import { callerFor, catchError, countRows, signUpOwner, uniqueEmail } from "@/test/factories";

let db: Database;
beforeAll(async () => {
  db = await testDatabase();
});

const shortId = () => crypto.randomUUID().slice(0, 8);
const valid = () => ({
  name: "Ada Lovelace",
  email: uniqueEmail("ada"),
  password: "a long enough password",
  workspaceName: `Acme ${shortId()}`,
});

describe("auth.signUp", () => {
  it("creates the user, the workspace with a slug from its name, the owner membership and an audit row", async () => {
    const input = valid();
    const caller = await callerFor(db, null);
    const result = await caller.auth.signUp(input);

    expect(result.workspace).toEqual({
      id: expect.any(String),
      name: input.workspaceName,
      slug: input.workspaceName.toLowerCase().replace(" ", "-"),
    });
    const [user] = await db.select().from(users).where(eq(users.id, result.userId));
    expect(user?.email).toBe(input.email);
    expect(user?.passwordHash).toMatch(/^scrypt\$/);
    expect(user?.passwordHash).not.toContain(input.password);

    const { membership, audit } = await withTenant(db, result.workspace.id, async (tx) => ({
      membership: await tx.select().from(memberships),
      audit: await tx.select().from(auditLog),
    }));
    expect(membership).toEqual([expect.objectContaining({ userId: result.userId, role: "owner" })]);
    expect(audit).toEqual([
      expect.objectContaining({
        action: "workspace.create",
        actorType: "user",
        actorId: result.userId,
        actorLabel: input.email,
        entityId: result.workspace.id,
      }),
    ]);
  });

  it("gives a second workspace of the same name the next free slug", async () => {
    const workspaceName = `Acme Store ${shortId()}`;
    const first = await (await callerFor(db, null)).auth.signUp({ ...valid(), workspaceName });
    const second = await (await callerFor(db, null)).auth.signUp({ ...valid(), workspaceName });
    expect(second.workspace.slug).toBe(`${first.workspace.slug}-2`);
  });

  it("stores the email trimmed and lower-cased", async () => {
    const input = valid();
    const result = await (await callerFor(db, null)).auth.signUp({
      ...input,
      email: `  ${input.email.toUpperCase()} `,
    });
    const [user] = await db.select().from(users).where(eq(users.id, result.userId));
    expect(user?.email).toBe(input.email);
  });

  it.each([
    ["email", { email: "not-an-email" }],
    ["password", { password: "abc" }],
    ["workspaceName", { workspaceName: "x".repeat(10_000) }],
    ["workspaceName", { workspaceName: "   " }],
    ["name", { name: "" }],
  ])("rejects a bad %s with BAD_REQUEST naming the field, writing nothing", async (field, bad) => {
    const input = { ...valid(), ...bad };
    const error = await catchError((await callerFor(db, null)).auth.signUp(input));
    expect(error.code).toBe("BAD_REQUEST");
    expect(Object.keys(error.shape.data.fieldErrors ?? {})).toEqual([field]);
    expect(await countRows(db, input)).toEqual({ users: 0, workspaces: 0 });
  });

  it("refuses a registered email (any case) with CONFLICT on the email field, writing nothing", async () => {
    const { user } = await signUpOwner(db);
    const input = { ...valid(), email: user.email.toUpperCase() };
    const error = await catchError((await callerFor(db, null)).auth.signUp(input));
    expect(error.code).toBe("CONFLICT");
    expect(error.shape.data.fieldErrors).toEqual({
      email: ["An account with this email already exists. Sign in instead."],
    });
    expect(await countRows(db, { ...input, email: user.email })).toEqual({
      users: 1,
      workspaces: 0,
    });
  });

  it("leaves no account behind when creating the workspace fails", async () => {
    const input = valid();
    // A trigger that fails this one workspace insert, as a broken database would.
    await db.execute(
      sql.raw(`create or replace function fail_named_workspace() returns trigger language plpgsql as $$
        begin if new.name = '${input.workspaceName}' then raise exception 'boom'; end if; return new; end $$`),
    );
    await db.execute(
      sql.raw(`create trigger fail_named_workspace before insert on workspaces
        for each row execute function fail_named_workspace()`),
    );
    try {
      const error = await catchError((await callerFor(db, null)).auth.signUp(input));
      expect(error.code).toBe("INTERNAL_SERVER_ERROR");
      expect(error.message).not.toContain("boom");
    } finally {
      await db.execute(sql.raw("drop trigger fail_named_workspace on workspaces"));
    }
    expect(await countRows(db, input)).toEqual({ users: 0, workspaces: 0 });
  });

  it("limits sign-ups per IP address", async () => {
    process.env.AUTH_RATE_LIMIT = "2";
    resetEnvForTests();
    try {
      const ip = `198.51.100.${Math.floor(Math.random() * 250) + 1}-${shortId()}`;
      const caller = await callerFor(db, null, { ip });
      await caller.auth.signUp(valid());
      // A refused attempt counts too: probing which emails exist costs the same.
      await catchError(
        caller.auth.signUp({ ...valid(), email: (await signUpOwner(db)).user.email }),
      );
      const input = valid();
      const error = await catchError(caller.auth.signUp(input));
      expect(error.code).toBe("TOO_MANY_REQUESTS");
      expect(await countRows(db, input)).toEqual({ users: 0, workspaces: 0 });
      // Another address is not affected.
      await (await callerFor(db, null, { ip: `${ip}-other` })).auth.signUp(valid());
    } finally {
      delete process.env.AUTH_RATE_LIMIT;
      resetEnvForTests();
    }
  });
});

describe("workspace.mine and workspace.create", () => {
  it("lists the user's workspaces with their role, and creates new ones owned by them", async () => {
    const { user, caller } = await signUpOwner(db, { workspaceName: `Zeta ${shortId()}` });
    const created = await caller.workspace.create({ name: "  Alpha Team  " });
    expect(created.name).toBe("Alpha Team");
    expect(created.slug).toMatch(/^alpha-team(-\d+|-[0-9a-f]{6})?$/);

    const mine = await caller.workspace.mine();
    expect(mine.map((w) => w.name)).toEqual(["Alpha Team", expect.stringMatching(/^Zeta /)]);
    expect(mine.every((w) => w.role === "owner")).toBe(true);

    const audit = await withTenant(db, created.id, (tx) =>
      tx
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "workspace.create"))),
    );
    expect(audit).toEqual([expect.objectContaining({ actorId: user.id, entityId: created.id })]);
  });

  it("is for people only: API keys and anonymous callers are refused", async () => {
    const { caller } = await signUpOwner(db);
    const { key } = await caller.apiKeys.create({ name: "ci", scope: "write" });
    const keyCaller = await callerFor(db, { apiKey: key });
    expect((await catchError(keyCaller.workspace.mine())).code).toBe("FORBIDDEN");
    expect((await catchError(keyCaller.workspace.create({ name: "X" }))).code).toBe("FORBIDDEN");
    const anonymous = await callerFor(db, null);
    expect((await catchError(anonymous.workspace.mine())).code).toBe("UNAUTHORIZED");
  });
});
