import { describe, expect, it } from "vitest";
import {
  isTrustedPeer,
  normalizeAddress,
  parseTrustProxy,
  resolveClientAddress,
} from "./trust-proxy";

describe("normalizeAddress", () => {
  it("shows IPv4-mapped IPv6 addresses as plain IPv4", () => {
    expect(normalizeAddress("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(normalizeAddress("::FFFF:10.1.2.3")).toBe("10.1.2.3");
    expect(normalizeAddress(" 203.0.113.9 ")).toBe("203.0.113.9");
    expect(normalizeAddress("[2001:db8::1]")).toBe("2001:db8::1");
    expect(normalizeAddress("fe80::1%eth0")).toBe("fe80::1");
  });
});

describe("parseTrustProxy", () => {
  it("reads unset, hop counts and address lists", () => {
    expect(parseTrustProxy(undefined)).toEqual({ kind: "none" });
    expect(parseTrustProxy("")).toEqual({ kind: "none" });
    expect(parseTrustProxy("0")).toEqual({ kind: "none" });
    expect(parseTrustProxy("2")).toEqual({ kind: "hops", hops: 2 });
    expect(parseTrustProxy("10.0.0.0/8, 192.168.1.7, ::1").kind).toBe("list");
  });

  it("refuses values that are neither", () => {
    expect(() => parseTrustProxy("yes")).toThrow(/neither a hop count/);
    expect(() => parseTrustProxy("10.0.0.0/33")).toThrow(/prefix/);
    expect(() => parseTrustProxy("10.0.0.0/x")).toThrow(/prefix/);
    expect(() => parseTrustProxy("10.0.0.0/")).toThrow(/prefix/);
    expect(() => parseTrustProxy("10.0.0.1/8/8")).toThrow(/prefix/);
    expect(() => parseTrustProxy("99")).toThrow(/at most 32/);
  });
});

describe("resolveClientAddress", () => {
  const forged = "6.6.6.6";

  it("ignores X-Forwarded-For without TRUST_PROXY", () => {
    const none = parseTrustProxy(undefined);
    expect(resolveClientAddress(none, "::ffff:198.51.100.4", forged)).toBe("198.51.100.4");
    expect(resolveClientAddress(none, "198.51.100.4", undefined)).toBe("198.51.100.4");
  });

  it("honours exactly as many hops as configured", () => {
    const peer = "10.0.0.2"; // the load balancer
    const chain = `${forged}, 203.0.113.5`; // client forged 6.6.6.6; the LB appended 203.0.113.5
    expect(resolveClientAddress(parseTrustProxy("1"), peer, chain)).toBe("203.0.113.5");
    expect(
      resolveClientAddress(parseTrustProxy("2"), peer, `${forged}, 203.0.113.5, 10.0.0.9`),
    ).toBe("203.0.113.5");
    // Fewer entries than hops: the furthest one reported.
    expect(resolveClientAddress(parseTrustProxy("3"), peer, "203.0.113.5")).toBe("203.0.113.5");
    // Garbage never becomes the client.
    expect(resolveClientAddress(parseTrustProxy("2"), peer, "nonsense, 203.0.113.5")).toBe(
      "203.0.113.5",
    );
    expect(resolveClientAddress(parseTrustProxy("1"), peer, "nonsense")).toBe(peer);
  });

  it("with a list, walks back only through trusted proxies", () => {
    const trust = parseTrustProxy("10.0.0.0/8, 2001:db8::/32");
    expect(resolveClientAddress(trust, "10.0.0.2", `${forged}, 203.0.113.5`)).toBe("203.0.113.5");
    expect(resolveClientAddress(trust, "10.0.0.2", `${forged}, 203.0.113.5, 10.9.9.9`)).toBe(
      "203.0.113.5",
    );
    // A direct connection from an untrusted address: its headers are ignored.
    expect(resolveClientAddress(trust, "198.51.100.4", forged)).toBe("198.51.100.4");
    expect(resolveClientAddress(trust, "2001:db8::5", "2001:db9::1")).toBe("2001:db9::1");
    expect(resolveClientAddress(trust, "::ffff:10.1.1.1", forged)).toBe(forged);
  });

  it("decides whether a peer may carry forwarding headers", () => {
    expect(isTrustedPeer(parseTrustProxy(undefined), "10.0.0.1")).toBe(false);
    expect(isTrustedPeer(parseTrustProxy("1"), "198.51.100.4")).toBe(true);
    const list = parseTrustProxy("127.0.0.1, 10.0.0.0/8");
    expect(isTrustedPeer(list, "::ffff:127.0.0.1")).toBe(true);
    expect(isTrustedPeer(list, "10.255.0.1")).toBe(true);
    expect(isTrustedPeer(list, "11.0.0.1")).toBe(false);
    expect(isTrustedPeer(parseTrustProxy("::1"), "::1")).toBe(true);
    expect(isTrustedPeer(parseTrustProxy("::/0"), "2001:db8::1")).toBe(true);
  });
});
