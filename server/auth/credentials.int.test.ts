import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { resetEnvForTests } from "@/server/env";
import { testDatabase } from "@/test/db";
import { createUser, uniqueEmail } from "@/test/factories";
import { checkCredentials } from "./credentials";

let db: Database;
beforeAll(async () => {
  db = await testDatabase();
});
afterEach(() => {
  delete process.env.AUTH_RATE_LIMIT;
  resetEnvForTests();
});

function limitTo(n: number) {
  process.env.AUTH_RATE_LIMIT = String(n);
  resetEnvForTests();
}

describe("checkCredentials", () => {
  it("signs in with the right password, case-insensitively on the email", async () => {
    const user = await createUser(db);
    const result = await checkCredentials(db, {
      email: ` ${user.email.toUpperCase()} `,
      password: user.password,
      ip: null,
    });
    expect(result).toEqual({ ok: true, user: { id: user.id, email: user.email, name: user.name } });
  });

  it("answers an unknown email exactly like a wrong password", async () => {
    const user = await createUser(db);
    const wrong = await checkCredentials(db, {
      email: user.email,
      password: "wrong password",
      ip: null,
    });
    const unknown = await checkCredentials(db, {
      email: uniqueEmail("ghost"),
      password: "wrong password",
      ip: null,
    });
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual(wrong);
  });

  it("after N failures for one email, refuses even the right password with rate_limited", async () => {
    limitTo(3);
    const user = await createUser(db);
    for (let i = 0; i < 3; i++) {
      expect(
        await checkCredentials(db, { email: user.email, password: `guess ${i}`, ip: null }),
      ).toEqual({
        ok: false,
        reason: "invalid",
      });
    }
    const right = await checkCredentials(db, {
      email: user.email,
      password: user.password,
      ip: null,
    });
    expect(right).toMatchObject({ ok: false, reason: "rate_limited" });
    if (!right.ok) expect(right.retryAfterSeconds).toBeGreaterThan(0);
    // Unknown emails are throttled the same way, so the limit reveals nothing either.
    const ghost = uniqueEmail("ghost");
    for (let i = 0; i < 3; i++)
      await checkCredentials(db, { email: ghost, password: "x", ip: null });
    expect(await checkCredentials(db, { email: ghost, password: "x", ip: null })).toMatchObject({
      ok: false,
      reason: "rate_limited",
    });
    // Another account is not affected.
    const other = await createUser(db);
    expect(
      (await checkCredentials(db, { email: other.email, password: other.password, ip: null })).ok,
    ).toBe(true);
  });

  it("limits one IP across many emails", async () => {
    limitTo(1);
    const ip = `192.0.2.${crypto.randomUUID()}`;
    for (let i = 0; i < 5; i++) {
      await checkCredentials(db, { email: uniqueEmail("spray"), password: "x", ip });
    }
    const user = await createUser(db);
    const result = await checkCredentials(db, { email: user.email, password: user.password, ip });
    expect(result).toMatchObject({ ok: false, reason: "rate_limited" });
  });

  it("a successful sign-in clears the account's earlier failures", async () => {
    limitTo(3);
    const user = await createUser(db);
    for (let i = 0; i < 2; i++)
      await checkCredentials(db, { email: user.email, password: "nope", ip: null });
    expect(
      (await checkCredentials(db, { email: user.email, password: user.password, ip: null })).ok,
    ).toBe(true);
    for (let i = 0; i < 2; i++)
      await checkCredentials(db, { email: user.email, password: "nope", ip: null });
    expect(
      (await checkCredentials(db, { email: user.email, password: user.password, ip: null })).ok,
    ).toBe(true);
  });
});
