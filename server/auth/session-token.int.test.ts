import { encode } from "@auth/core/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { resetEnvForTests } from "@/server/env";
import { testDatabase } from "@/test/db";
import { signUpOwner } from "@/test/factories";
import { readSessionUser, readSessionUserCached } from "./session-token";
import { revokeSession, startSession } from "./sessions";

const SECRET = "session-token-test-secret-0123456789abcdef";
let db: Database;
let savedSecret: string | undefined;

beforeAll(async () => {
  db = await testDatabase();
  savedSecret = process.env.AUTH_SECRET;
  process.env.AUTH_SECRET = SECRET;
  resetEnvForTests();
});
afterAll(() => {
  if (savedSecret === undefined) delete process.env.AUTH_SECRET;
  else process.env.AUTH_SECRET = savedSecret;
  resetEnvForTests();
});

/** The cookie Auth.js sets at sign-in (its own encoder, as auth.ts's jwt callback fills it). */
async function sessionCookie(
  claims: Record<string, unknown>,
  options: { secure?: boolean; secret?: string; maxAge?: number } = {},
): Promise<string> {
  const name = options.secure ? "__Secure-authjs.session-token" : "authjs.session-token";
  const token = await encode({
    token: claims,
    secret: options.secret ?? SECRET,
    salt: name,
    ...(options.maxAge === undefined ? {} : { maxAge: options.maxAge }),
  });
  return `theme=dark; ${name}=${token}`;
}

async function signedIn() {
  const { user } = await signUpOwner(db);
  const sid = await startSession(db, user.id, { ip: null, userAgent: "vitest" });
  return { user, sid };
}

describe("readSessionUser (the tRPC API's session cookie, without Next.js)", () => {
  it("reads the user of a cookie that names a live session record", async () => {
    const { user, sid } = await signedIn();
    const cookie = await sessionCookie({ sub: user.id, sid, email: user.email, name: user.name });
    expect(await readSessionUser(db, new Headers({ cookie }))).toEqual({
      id: user.id,
      email: user.email,
      name: user.name,
      sessionId: sid,
    });
  });

  it("refuses a revoked session, a cookie without a session record, a forged or expired cookie", async () => {
    const { user, sid } = await signedIn();
    const claims = { sub: user.id, sid, email: user.email, name: user.name };
    const forged = await sessionCookie(claims, { secret: "another-secret-0123456789abcdefgh" });
    expect(await readSessionUser(db, new Headers({ cookie: forged }))).toBeNull();
    const noSid = await sessionCookie({ sub: user.id, email: user.email });
    expect(await readSessionUser(db, new Headers({ cookie: noSid }))).toBeNull();
    const expired = await sessionCookie(claims, { maxAge: -60 });
    expect(await readSessionUser(db, new Headers({ cookie: expired }))).toBeNull();
    const live = await sessionCookie(claims);
    expect(await readSessionUser(db, new Headers({ cookie: live }))).not.toBeNull();
    await revokeSession(db, user.id, sid);
    expect(await readSessionUser(db, new Headers({ cookie: live }))).toBeNull();
  });

  it("does not take the token from an Authorization header (that header carries API keys)", async () => {
    const { user, sid } = await signedIn();
    const token = await encode({
      token: { sub: user.id, sid, email: user.email },
      secret: SECRET,
      salt: "authjs.session-token",
    });
    const headers = new Headers({ authorization: `Bearer ${token}` });
    expect(await readSessionUser(db, headers)).toBeNull();
  });

  it("reads the __Secure- cookie when the request came over https, and only then", async () => {
    const { user, sid } = await signedIn();
    const cookie = await sessionCookie({ sub: user.id, sid, email: user.email }, { secure: true });
    expect(await readSessionUser(db, new Headers({ cookie }))).toBeNull();
    const https = new Headers({ cookie, "x-forwarded-proto": "https" });
    expect((await readSessionUser(db, https))?.id).toBe(user.id);
  });

  it("the cached reader still ends a session at once when it is revoked", async () => {
    const { user, sid } = await signedIn();
    const headers = new Headers({
      cookie: await sessionCookie({ sub: user.id, sid, email: user.email }),
    });
    expect((await readSessionUserCached(db, headers))?.id).toBe(user.id);
    expect((await readSessionUserCached(db, headers))?.id).toBe(user.id);
    await revokeSession(db, user.id, sid);
    expect(await readSessionUserCached(db, headers)).toBeNull();
  });
});
