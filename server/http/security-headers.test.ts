import { describe, expect, it } from "vitest";
import { createNonce } from "./security-headers";

describe("createNonce", () => {
  it("gives 16 random bytes per call, never the same twice, across refills of its pool", () => {
    const nonces = Array.from({ length: 1_000 }, createNonce); // ≈ 4 pools
    expect(new Set(nonces).size).toBe(nonces.length);
    for (const nonce of nonces) {
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(Buffer.from(nonce, "base64")).toHaveLength(16);
    }
  });
});
