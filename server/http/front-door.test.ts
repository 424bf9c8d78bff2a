import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLIENT_IP_HEADER } from "./client-address";
import { type FrontDoorOptions, prepareRequest } from "./front-door";
import { parseTrustProxy } from "./trust-proxy";

/**
 * The front door in front of a handler that echoes the headers it received, over a real
 * socket (so the peer address is the kernel's, 127.0.0.1), as server.mjs runs it.
 */
type Echo = {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  seen: Record<string, string>;
};

const servers: Server[] = [];

async function frontDoor(options: Partial<FrontDoorOptions> = {}): Promise<string> {
  const full: FrontDoorOptions = {
    trust: parseTrustProxy(undefined),
    appUrlHttps: false,
    dev: false,
    maxBodyBytes: 1024,
    ...options,
  };
  const server = createServer((req, res) => {
    if (!prepareRequest(req, res, full)) return;
    req.resume();
    req.on("end", () => {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify(req.headers));
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function send(
  base: string,
  options: { path?: string; headers?: Record<string, string>; body?: string; method?: string } = {},
): Promise<Echo> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${base}${options.path ?? "/"}`,
      { method: options.method ?? "GET", headers: options.headers },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c) => {
          text += c;
        });
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, seen: JSON.parse(text) }),
        );
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

const forged = {
  "x-forwarded-for": "6.6.6.6",
  "x-forwarded-host": "evil.test",
  "x-forwarded-proto": "https",
  "x-real-ip": "7.7.7.7",
  [CLIENT_IP_HEADER]: "8.8.8.8",
};

afterAll(() => {
  for (const server of servers) server.close();
});

describe("front door without TRUST_PROXY", () => {
  let base: string;
  beforeAll(async () => {
    base = await frontDoor();
  });

  it("uses the socket address and drops forged forwarding headers", async () => {
    const { seen } = await send(base, { headers: forged });
    expect(seen[CLIENT_IP_HEADER]).toBe("127.0.0.1");
    expect(seen["x-forwarded-for"]).toBeUndefined();
    expect(seen["x-forwarded-host"]).toBeUndefined();
    expect(seen["x-forwarded-proto"]).toBeUndefined();
    expect(seen["x-real-ip"]).toBeUndefined();
  });

  it("sets the security headers and hands Next.js the same CSP nonce", async () => {
    const { headers, seen } = await send(base, {
      headers: { "content-security-policy": "script-src 'nonce-attacker'" },
    });
    const csp = String(headers["content-security-policy"]);
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-eval");
    expect(seen["content-security-policy"]).toBe(csp);
    expect(csp).toContain(`'nonce-${seen["x-nonce"]}'`);
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["permissions-policy"]).toContain("camera=()");
    // Plain HTTP and no trusted proxy: no HSTS, however loudly the client claims https.
    expect(headers["strict-transport-security"]).toBeUndefined();
  });

  it("gives every request its own nonce", async () => {
    const a = await send(base);
    const b = await send(base);
    expect(a.seen["x-nonce"]).not.toBe(b.seen["x-nonce"]);
  });

  it("marks API answers no-store, and leaves pages to Next.js", async () => {
    expect((await send(base, { path: "/api/health" })).headers["cache-control"]).toBe("no-store");
    expect((await send(base, { path: "/api/trpc/x?batch=1" })).headers["cache-control"]).toBe(
      "no-store",
    );
    expect((await send(base, { path: "/sign-in" })).headers["cache-control"]).toBeUndefined();
  });

  it("refuses a declared body over the ceiling before reading it (outside tRPC and Auth.js)", async () => {
    const result = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(`${base}/w/acme`, {
        method: "POST",
        headers: {
          "content-length": String(120 * 1024 * 1024),
          "content-type": "application/json",
        },
      });
      req.on("response", (res) => {
        let body = "";
        res.on("data", (c) => {
          body += c;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on("error", reject);
      req.write("{");
      // Never send the other 120 MB: the answer must come anyway.
    });
    expect(result.status).toBe(413);
    expect(JSON.parse(result.body)).toMatchObject({ error: { code: "PAYLOAD_TOO_LARGE" } });
  });
});

describe("front door with a route of its own limit (dataset uploads)", () => {
  it("lets the upload route past the general ceiling, up to its own limit only", async () => {
    const base = await frontDoor({ routeBodyLimits: { "/api/datasets": 4096 } });
    const body = "x".repeat(2048);
    const headers = { "content-length": String(body.length) };
    expect(
      (await send(base, { path: "/api/datasets", method: "POST", headers, body })).status,
    ).toBe(200);
    const other = await fetch(`${base}/w/acme`, { method: "POST", headers, body });
    expect(other.status).toBe(413);
    const over = await fetch(`${base}/api/datasets`, {
      method: "POST",
      headers: { "content-length": "8192" },
      body: "y".repeat(8192),
    });
    expect(over.status).toBe(413);
  });
});

describe("front door with TRUST_PROXY", () => {
  it("honours exactly the configured number of hops", async () => {
    const one = await frontDoor({ trust: parseTrustProxy("1") });
    const chain = "6.6.6.6, 203.0.113.5";
    expect(
      (await send(one, { headers: { "x-forwarded-for": chain } })).seen[CLIENT_IP_HEADER],
    ).toBe("203.0.113.5");
    const two = await frontDoor({ trust: parseTrustProxy("2") });
    expect(
      (await send(two, { headers: { "x-forwarded-for": chain } })).seen[CLIENT_IP_HEADER],
    ).toBe("6.6.6.6");
  });

  it("keeps forwarding headers from a trusted proxy and sends HSTS when it says https", async () => {
    const base = await frontDoor({ trust: parseTrustProxy("127.0.0.1") });
    const { seen, headers } = await send(base, { headers: forged });
    expect(seen[CLIENT_IP_HEADER]).toBe("6.6.6.6");
    expect(seen["x-forwarded-host"]).toBe("evil.test");
    expect(headers["strict-transport-security"]).toMatch(/max-age=\d+/);
    expect(String(headers["content-security-policy"])).toContain("upgrade-insecure-requests");
  });

  it("drops forwarding headers from a peer that is not a listed proxy", async () => {
    const base = await frontDoor({ trust: parseTrustProxy("10.0.0.0/8") });
    const { seen, headers } = await send(base, { headers: forged });
    expect(seen[CLIENT_IP_HEADER]).toBe("127.0.0.1");
    expect(seen["x-forwarded-host"]).toBeUndefined();
    expect(headers["strict-transport-security"]).toBeUndefined();
  });

  it("sends HSTS when APP_URL is https", async () => {
    const base = await frontDoor({ appUrlHttps: true });
    expect((await send(base)).headers["strict-transport-security"]).toBeDefined();
  });
});
