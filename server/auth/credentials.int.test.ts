import { like, sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { authAttempts } from "@/db/schema";
import { resetEnvForTests } from "@/server/env";
import { testDatabase } from "@/test/db";
import { createUser, uniqueEmail } from "@/test/factories";
import { checkCredentials } from "./credentials";
import { backoffSeconds, MAX_DELAY_SECONDS } from "./rate-limit";

let db: Database;
beforeAll(async () => {
  db = await testDatabase();
});

const SETTINGS = ["AUTH_FREE_ATTEMPTS", "AUTH_ACCOUNT_LIMIT", "AUTH_IP_LIMIT"] as const;
afterEach(() => {
  for (const name of SETTINGS) delete process.env[name];
  resetEnvForTests();
});

function configure(settings: Partial<Record<(typeof SETTINGS)[number], number>>) {
  for (const [name, value] of Object.entries(settings)) process.env[name] = String(value);
  resetEnvForTests();
}

/** An address no other test (or parallel test file on PostgreSQL) uses. */
const uniqueIp = () => `198.51.100.${crypto.randomUUID().slice(0, 8)}`;

/** Moves this account's recorded failures into the past, as if `seconds` had gone by. */
async function letTimePass(email: string, seconds: number) {
  await db
    .update(authAttempts)
    .set({ at: sql`${authAttempts.at} - make_interval(secs => ${seconds})` })
    .where(like(authAttempts.key, `%${email}%`));
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
    const ip = uniqueIp();
    const wrong = await checkCredentials(db, { email: user.email, password: "wrong", ip });
    const unknown = await checkCredentials(db, { email: uniqueEmail("ghost"), password: "x", ip });
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual(wrong);
  });
});

describe("sign-in throttling", () => {
  it("an attacker failing many times from one address does not stop the owner from another", async () => {
    configure({ AUTH_FREE_ATTEMPTS: 3 });
    const user = await createUser(db);
    const attacker = uniqueIp();
    for (let i = 0; i < 3; i++) {
      expect(
        await checkCredentials(db, { email: user.email, password: `guess ${i}`, ip: attacker }),
      ).toEqual({ ok: false, reason: "invalid" });
    }
    // The attacker now waits, even with the right password…
    for (let i = 0; i < 10; i++) {
      const again = await checkCredentials(db, {
        email: user.email,
        password: user.password,
        ip: attacker,
      });
      expect(again).toMatchObject({ ok: false, reason: "rate_limited" });
    }
    // …while the owner, from their own address, signs in at once.
    const owner = await checkCredentials(db, {
      email: user.email,
      password: user.password,
      ip: uniqueIp(),
    });
    expect(owner.ok).toBe(true);
  });

  it("makes each further failure from the same source wait twice as long", async () => {
    configure({ AUTH_FREE_ATTEMPTS: 2 });
    const user = await createUser(db);
    const ip = uniqueIp();
    const waits: number[] = [];
    for (let i = 0; i < 12 && waits.length < 5; i++) {
      const result = await checkCredentials(db, { email: user.email, password: "nope", ip });
      if (!result.ok && result.reason === "rate_limited") {
        waits.push(result.retryAfterSeconds ?? 0);
        await letTimePass(user.email, (result.retryAfterSeconds ?? 0) + 1);
      }
    }
    expect(waits).toEqual([1, 2, 4, 8, 16]);
    expect(backoffSeconds(1, 2)).toBe(0);
    expect(backoffSeconds(40, 5)).toBe(MAX_DELAY_SECONDS);
  });

  it("unknown emails are throttled the same way", async () => {
    configure({ AUTH_FREE_ATTEMPTS: 2 });
    const ghost = uniqueEmail("ghost");
    const ip = uniqueIp();
    for (let i = 0; i < 2; i++) await checkCredentials(db, { email: ghost, password: "x", ip });
    expect(await checkCredentials(db, { email: ghost, password: "x", ip })).toMatchObject({
      ok: false,
      reason: "rate_limited",
    });
  });

  it("a burst of parallel guesses from one source gets only the free attempts", async () => {
    configure({ AUTH_FREE_ATTEMPTS: 2 });
    const user = await createUser(db);
    const ip = uniqueIp();
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        checkCredentials(db, { email: user.email, password: "nope", ip }),
      ),
    );
    const reasons = results.map((r) => (r.ok ? "ok" : r.reason)).sort();
    expect(reasons).toEqual(["invalid", "invalid", ...Array(4).fill("rate_limited")]);
  });

  it("stops every source once the account's hourly ceiling is reached", async () => {
    configure({ AUTH_ACCOUNT_LIMIT: 4 });
    const user = await createUser(db);
    for (let i = 0; i < 4; i++) {
      await checkCredentials(db, { email: user.email, password: "nope", ip: uniqueIp() });
    }
    const result = await checkCredentials(db, {
      email: user.email,
      password: user.password,
      ip: uniqueIp(),
    });
    expect(result).toMatchObject({ ok: false, reason: "rate_limited" });
    if (!result.ok) expect(result.retryAfterSeconds).toBeGreaterThan(3000);
  });

  it("limits one address across many accounts, and only that address", async () => {
    configure({ AUTH_IP_LIMIT: 3 });
    const ip = uniqueIp();
    for (let i = 0; i < 3; i++) {
      await checkCredentials(db, { email: uniqueEmail("spray"), password: "x", ip });
    }
    const user = await createUser(db);
    expect(
      await checkCredentials(db, { email: user.email, password: user.password, ip }),
    ).toMatchObject({ ok: false, reason: "rate_limited" });
    const elsewhere = await checkCredentials(db, {
      email: user.email,
      password: user.password,
      ip: uniqueIp(),
    });
    expect(elsewhere.ok).toBe(true);
  });

  it("a successful sign-in clears that source's earlier failures", async () => {
    configure({ AUTH_FREE_ATTEMPTS: 3 });
    const user = await createUser(db);
    const ip = uniqueIp();
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 2; i++)
        await checkCredentials(db, { email: user.email, password: "nope", ip });
      expect(
        (await checkCredentials(db, { email: user.email, password: user.password, ip })).ok,
      ).toBe(true);
    }
  });
});
