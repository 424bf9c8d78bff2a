import { describe, expect, it } from "vitest";
import { signBody, verifySignature } from "./signature";

const secret = "whsec_test";
const body = new TextEncoder().encode('{"hello":"world"}');
const now = 1_800_000_000;

describe("webhook signatures", () => {
  it("accepts a body signed with the secret within the window", () => {
    const signature = signBody(secret, now - 10, body);
    expect(
      verifySignature({ secret, timestamp: String(now - 10), signature, body, nowSeconds: now }),
    ).toEqual({ ok: true });
  });

  it("refuses another secret, a changed body, a moved timestamp and a stale one", () => {
    const signature = signBody(secret, now, body);
    const check = (overrides: Partial<Parameters<typeof verifySignature>[0]>) =>
      verifySignature({
        secret,
        timestamp: String(now),
        signature,
        body,
        nowSeconds: now,
        ...overrides,
      });
    expect(check({ secret: "other" })).toEqual({ ok: false, reason: "mismatch" });
    expect(check({ body: new TextEncoder().encode('{"hello":"World"}') })).toEqual({
      ok: false,
      reason: "mismatch",
    });
    expect(check({ timestamp: String(now - 1) })).toEqual({ ok: false, reason: "mismatch" });
    expect(check({ nowSeconds: now + 301 })).toEqual({ ok: false, reason: "stale" });
    expect(check({ signature: null })).toEqual({ ok: false, reason: "missing" });
    expect(check({ timestamp: "soon" })).toEqual({ ok: false, reason: "missing" });
  });
});
