import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { testDatabase } from "@/test/db";
import { createKey, signUpOwner } from "@/test/factories";
import { refundStatusDraft } from "@/test/template-drafts";
import { GZIP_MIN_BYTES, isTrpcPath, serveTrpc, writeResponse } from "./trpc-front-door";

let db: Database;
let server: Server;
let base: string;
let extraRoute: ((res: import("node:http").ServerResponse) => Promise<void>) | null = null;

beforeAll(async () => {
  db = await testDatabase();
  // The front server's dispatch as server.mjs does it, minus Next.js (everything else: 404).
  server = createServer((req, res) => {
    if (req.url === "/extra" && extraRoute) void extraRoute(res);
    else if (isTrpcPath(req.url)) void serveTrpc(req, res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const input = (value: unknown) => encodeURIComponent(superjson.stringify(value));

describe("isTrpcPath", () => {
  it("takes the tRPC endpoint and nothing that merely starts like it", () => {
    expect(isTrpcPath("/api/trpc/workspace.get")).toBe(true);
    expect(isTrpcPath("/api/trpc/a,b?batch=1&input=%7B%7D")).toBe(true);
    expect(isTrpcPath("/api/trpc")).toBe(true);
    expect(isTrpcPath("/api/trpc?x=1")).toBe(true);
    expect(isTrpcPath("/api/trpcx/workspace.get")).toBe(false);
    expect(isTrpcPath("/api/health")).toBe(false);
    expect(isTrpcPath("/w/acme/api/trpc/x")).toBe(false);
    expect(isTrpcPath(undefined)).toBe(false);
  });
});

describe("the tRPC API served by the front server", () => {
  it("refuses an anonymous call with tRPC's 401, whole, with a length and no-store", async () => {
    const res = await fetch(`${base}/api/trpc/workspace.get`);
    expect(res.status).toBe(401);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(Number(res.headers.get("content-length"))).toBeGreaterThan(0);
    const body = (await res.json()) as { error: { json: { data: { code: string } } } };
    expect(body.error.json.data.code).toBe("UNAUTHORIZED");
  });

  it("answers an API key's query with its workspace and the rate-limit headers", async () => {
    const { caller, workspace } = await signUpOwner(db);
    const { key } = await createKey(db, caller, "read");
    const res = await fetch(`${base}/api/trpc/workspace.get`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-ratelimit-limit")).not.toBeNull();
    const body = (await res.json()) as { result: { data: { json: { slug: string } } } };
    expect(body.result.data.json.slug).toBe(workspace.slug);
  });

  it("reads a POST body: suggestions.forMessage sent as POST returns suggestions", async () => {
    const { caller } = await signUpOwner(db);
    await caller.templates.create(refundStatusDraft());
    const { key } = await createKey(db, caller, "read");
    const res = await fetch(`${base}/api/trpc/suggestions.forMessage?method=POST`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: superjson.stringify({ message: "Where is my refund?", limit: 3 }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      result: { data: { json: { suggestions: { name: string }[] } } };
    };
    expect(body.result.data.json.suggestions[0]?.name).toBe("Refund status");
  });

  it("refuses an oversized batch before running it", async () => {
    const names = Array.from({ length: 60 }, () => "workspace.get").join(",");
    const batch = await fetch(`${base}/api/trpc/${names}?batch=1&input=${input({})}`);
    expect(batch.status).toBe(400);
    const body = (await batch.json()) as { error: { json: { message: string } } }[];
    expect(body[0]?.error.json.message).toMatch(/names 60 procedures/);
  });
});

describe("writeResponse", () => {
  it("gzips a large JSON answer for clients that accept it and sends small ones as they are", async () => {
    const large = JSON.stringify({ rows: "r".repeat(GZIP_MIN_BYTES + 10) });
    extraRoute = (res) =>
      writeResponse(
        res.req,
        res,
        new Response(large, { headers: { "content-type": "application/json", "x-a": "1" } }),
      );
    const raw = await fetch(`${base}/extra`, { headers: { "accept-encoding": "identity" } });
    expect(raw.headers.get("content-encoding")).toBeNull();
    expect(await raw.text()).toBe(large);
    const zipped = await new Promise<{ encoding?: string; body: Buffer }>((resolve, reject) => {
      import("node:http").then(({ get }) =>
        get(`${base}/extra`, { headers: { "accept-encoding": "gzip" } }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () =>
            resolve({ encoding: res.headers["content-encoding"], body: Buffer.concat(chunks) }),
          );
        }).on("error", reject),
      );
    });
    expect(zipped.encoding).toBe("gzip");
    expect(zipped.body.length).toBeLessThan(large.length / 10);
    expect(gunzipSync(zipped.body).toString()).toBe(large);
  });

  it("keeps every Set-Cookie and streams an answer that is not JSON", async () => {
    const headers = new Headers({ "content-type": "text/event-stream" });
    headers.append("set-cookie", "a=1; Path=/");
    headers.append("set-cookie", "b=2; Path=/");
    extraRoute = (res) => {
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode("data: one\n\n"));
          controller.enqueue(new TextEncoder().encode("data: two\n\n"));
          controller.close();
        },
      });
      return writeResponse(res.req, res, new Response(stream, { headers }));
    };
    const res = await fetch(`${base}/extra`);
    expect(res.headers.getSetCookie()).toEqual(["a=1; Path=/", "b=2; Path=/"]);
    expect(res.headers.get("content-length")).toBeNull();
    expect(await res.text()).toBe("data: one\n\ndata: two\n\n");
  });
});

describe("a refused upload", () => {
  // As under Next.js: the 413 goes out while the body is still arriving, without
  // `connection: close` (Node reads and discards the rest), so a client that goes on sending
  // reads the answer instead of a reset.
  it("is answered 413 while the client is still sending, on a connection that stays open", async () => {
    const { request } = await import("node:http");
    const body = Buffer.alloc(3 * 1024 * 1024, 120);
    const answer = await new Promise<{ status?: number; connection?: string; text: string }>(
      (resolve, reject) => {
        const req = request(
          `${base}/api/trpc/auth.signUp`,
          { method: "POST", headers: { "content-type": "application/json" } },
          (res) => {
            let text = "";
            res.on("data", (c: Buffer) => {
              text += c.toString();
            });
            res.on("end", () =>
              resolve({ status: res.statusCode, connection: res.headers.connection, text }),
            );
          },
        );
        req.on("error", reject);
        req.end(body);
      },
    );
    expect(answer.status).toBe(413);
    expect(answer.connection).not.toBe("close");
    expect(answer.text).toContain("PAYLOAD_TOO_LARGE");
  });
});
