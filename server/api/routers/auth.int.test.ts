import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "@/db";
import { auditLog, memberships, users } from "@/db/schema";
import { withTenant } from "@/db/tenant";
import { checkCredentials } from "@/server/auth/credentials";
import { hashPassword } from "@/server/auth/password";
import { resetEnvForTests } from "@/server/env";
import { testDatabase } from "@/test/db";
import {
  callerFor,
  catchError,
  countRows,
  findSignedUp,
  signUpOwner,
  uniqueEmail,
} from "@/test/factories";
import { startFakeSmtp } from "@/test/fake-smtp";

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
    expect(await caller.auth.signUp(input)).toEqual({ status: "submitted" });

    const result = await findSignedUp(db, input.email);
    if (!result) throw new Error("no account created");
    expect(result.workspace).toEqual({
      id: expect.any(String),
      name: input.workspaceName,
      slug: expect.stringMatching(
        new RegExp(`^${input.workspaceName.toLowerCase().replace(" ", "-")}-[a-z0-9]{6}$`),
      ),
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

  it("gives workspaces of the same name unrelated slugs, so none tells that another exists", async () => {
    const workspaceName = `Acme Store ${shortId()}`;
    const base = workspaceName.toLowerCase().replaceAll(" ", "-");
    const slugs: string[] = [];
    for (let i = 0; i < 3; i++) {
      const input = { ...valid(), workspaceName };
      await (await callerFor(db, null)).auth.signUp(input);
      slugs.push((await findSignedUp(db, input.email))?.workspace.slug ?? "");
    }
    // The first one (base still free) looks exactly like the later ones (base taken).
    for (const slug of slugs) expect(slug).toMatch(new RegExp(`^${base}-[a-z0-9]{6}$`));
    expect(new Set(slugs).size).toBe(3);
  });

  it("stores the email trimmed and lower-cased", async () => {
    const input = valid();
    await (await callerFor(db, null)).auth.signUp({
      ...input,
      email: `  ${input.email.toUpperCase()} `,
    });
    expect(await findSignedUp(db, input.email)).not.toBeNull();
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

  it("answers a registered email (any case) exactly like a new one, writing nothing", async () => {
    const { user } = await signUpOwner(db);
    const input = { ...valid(), email: user.email.toUpperCase() };
    const taken = await (await callerFor(db, null)).auth.signUp(input);
    const fresh = await (await callerFor(db, null)).auth.signUp(valid());
    expect(taken).toEqual(fresh);
    expect(await countRows(db, { ...input, email: user.email })).toEqual({
      users: 1,
      workspaces: 0,
    });
    // The account is untouched: its own password still works, the stranger's does not.
    const signIn = (password: string) =>
      checkCredentials(db, { email: user.email, password, ip: null });
    expect((await signIn(input.password)).ok).toBe(false);
    expect((await signIn(user.password)).ok).toBe(true);
  });

  it("hashes the password for a registered email too, so it takes as long as a real sign-up", async () => {
    const { user } = await signUpOwner(db);
    const started = performance.now();
    await hashPassword("one scrypt for comparison");
    const oneHash = performance.now() - started;
    const t0 = performance.now();
    await (await callerFor(db, null)).auth.signUp({ ...valid(), email: user.email });
    // Generous: the machine is shared, but skipping the hash would take a few ms, not ~one hash.
    expect(performance.now() - t0).toBeGreaterThan(oneHash * 0.5);
  });

  it("e-mails the owner of a registered address (once an hour), and nobody for a new one", async () => {
    const smtp = await startFakeSmtp();
    process.env.SMTP_URL = smtp.url;
    resetEnvForTests();
    try {
      const { user } = await signUpOwner(db);
      const fresh = valid();
      await (await callerFor(db, null)).auth.signUp(fresh);
      for (let i = 0; i < 2; i++) {
        await (await callerFor(db, null)).auth.signUp({ ...valid(), email: user.email });
      }
      // Notices are sent after the answer; other tests' late notices may land here too.
      const toOwner = () => smtp.messages.filter((m) => m.includes(`To: ${user.email}`));
      await vi.waitFor(() => expect(toOwner().length).toBeGreaterThan(0), { timeout: 5000 });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(toOwner()).toHaveLength(1);
      expect(toOwner()[0]).toContain("Someone tried to sign up with your email address");
      // Unfold quoted-printable soft line breaks before looking for the link.
      expect(toOwner()[0]?.replace(/=\r?\n/g, "")).toContain("http://parley.test/sign-in");
      expect(smtp.messages.join("\n")).not.toContain(fresh.email);
    } finally {
      delete process.env.SMTP_URL;
      resetEnvForTests();
      await smtp.close();
    }
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
      // An attempt with a taken email counts too.
      await caller.auth.signUp({ ...valid(), email: (await signUpOwner(db)).user.email });
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
    expect(created.slug).toMatch(/^alpha-team-[a-z0-9]{6}$/);

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
