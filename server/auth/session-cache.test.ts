import { describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/server/access/caller";
import { createSessionUserCache, sessionCookieKey } from "./session-cache";

const alice: SessionUser = { id: "u1", email: "a@example.test", name: "A", sessionId: "s1" };

function setup(live = true) {
  let clock = 1_000;
  const isLive = vi.fn(async () => live);
  const cache = createSessionUserCache({ ttlMs: 5_000, maxEntries: 2, isLive, now: () => clock });
  return {
    cache,
    isLive,
    advance: (ms: number) => (clock += ms),
    setLive: (v: boolean) => (live = v),
  };
}

describe("sessionCookieKey", () => {
  it("keeps only Auth.js session cookies, chunks included, in a stable order", () => {
    expect(sessionCookieKey("a=1; authjs.session-token=xyz; other=2")).toBe(
      "authjs.session-token=xyz",
    );
    expect(
      sessionCookieKey("__Secure-authjs.session-token.1=b; __Secure-authjs.session-token.0=a"),
    ).toBe("__Secure-authjs.session-token.0=a;__Secure-authjs.session-token.1=b");
    expect(sessionCookieKey("authjs.csrf-token=1")).toBeNull();
    expect(sessionCookieKey(null)).toBeNull();
  });
});

describe("createSessionUserCache", () => {
  it("decodes a cookie once within the TTL but checks the session record every time", async () => {
    const { cache, isLive, advance } = setup();
    const decode = vi.fn(async () => alice);
    const cookie = "authjs.session-token=t1";
    expect(await cache.resolve(cookie, decode)).toEqual(alice);
    expect(await cache.resolve(cookie, decode)).toEqual(alice);
    expect(decode).toHaveBeenCalledTimes(1);
    expect(isLive).toHaveBeenCalledWith("u1", "s1");
    advance(5_001);
    await cache.resolve(cookie, decode);
    expect(decode).toHaveBeenCalledTimes(2);
  });

  it("answers null at once when the session record was revoked, and forgets the cookie", async () => {
    const { cache, setLive } = setup();
    const decode = vi.fn(async () => alice);
    const cookie = "authjs.session-token=t1";
    await cache.resolve(cookie, decode);
    setLive(false);
    expect(await cache.resolve(cookie, decode)).toBeNull();
    expect(cache.size()).toBe(0);
  });

  it("decodes concurrent requests with the same cookie once", async () => {
    const { cache } = setup();
    const decode = vi.fn(async () => alice);
    const cookie = "authjs.session-token=t1";
    await Promise.all(Array.from({ length: 10 }, () => cache.resolve(cookie, decode)));
    expect(decode).toHaveBeenCalledTimes(1);
  });

  it("caches neither requests without a session cookie nor users without a session record", async () => {
    const { cache } = setup();
    const none = vi.fn(async () => null);
    await cache.resolve("theme=dark", none);
    await cache.resolve("theme=dark", none);
    expect(none).toHaveBeenCalledTimes(2);
    const noSid = vi.fn(async () => ({ ...alice, sessionId: null }));
    await cache.resolve("authjs.session-token=t2", noSid);
    await cache.resolve("authjs.session-token=t2", noSid);
    expect(noSid).toHaveBeenCalledTimes(2);
  });

  it("keeps at most maxEntries cookies, dropping the oldest", async () => {
    const { cache } = setup();
    for (const t of ["a", "b", "c"]) {
      await cache.resolve(`authjs.session-token=${t}`, async () => alice);
    }
    expect(cache.size()).toBe(2);
  });
});
