import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { readSessionUserCached } from "@/server/auth/session-token";
import { isTrpcPath, serveTrpc } from "@/server/http/trpc-front-door";
import { testDatabase } from "@/test/db";
import { createKey, signUpOwner } from "@/test/factories";
import { refundStatusDraft } from "@/test/template-drafts";
import { planDirectCall, readDirectInputs } from "./trpc-direct";
import { handleTrpcRequest } from "./trpc-http";

/**
 * The front server answers JSON calls without Fetch objects (trpc-direct.ts). Every request
 * here goes both ways — through the front server, and straight into tRPC's fetch handler as
 * the Next.js route calls it — and the answers must be the same: status, envelope, error shape,
 * headers. Each case also says which path the front server takes, so the comparison is not
 * between two runs of the same code.
 */

let db: Database;
let server: Server;
let base: string;
let readKey: string;
let writeKey: string;

beforeAll(async () => {
  db = await testDatabase();
  server = createServer((req, res) => {
    if (isTrpcPath(req.url)) void serveTrpc(req, res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { caller } = await signUpOwner(db);
  await caller.templates.create(refundStatusDraft());
  readKey = (await createKey(db, caller, "read")).key;
  writeKey = (await createKey(db, caller, "write")).key;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const input = (value: unknown) => encodeURIComponent(superjson.stringify(value));
const batchInput = (values: unknown[]) =>
  encodeURIComponent(
    JSON.stringify(Object.fromEntries(values.map((v, i) => [i, superjson.serialize(v)]))),
  );

type Case = {
  name: string;
  path: string;
  init?: RequestInit;
  key?: "read" | "write";
  /** Whether the front server answers it itself (else tRPC's fetch handler does, the body handed over if read). */
  direct: boolean;
};

const json = { "content-type": "application/json" };
const cases: Case[] = [
  { name: "anonymous query (401)", path: "/api/trpc/workspace.get", direct: true },
  { name: "a key's query", path: "/api/trpc/workspace.get", key: "read", direct: true },
  {
    name: "suggestions for a message",
    path: `/api/trpc/suggestions.forMessage?input=${input({ message: "Where is my refund?", limit: 3 })}`,
    key: "read",
    direct: true,
  },
  {
    name: "a batch with one invalid input (207)",
    path: `/api/trpc/workspace.get,suggestions.forMessage?batch=1&input=${batchInput([{}, { message: "" }])}`,
    key: "read",
    direct: true,
  },
  {
    name: "a query sent as POST (method override)",
    path: "/api/trpc/suggestions.forMessage?batch=1",
    init: {
      method: "POST",
      headers: json,
      body: JSON.stringify({ 0: superjson.serialize({ message: "refund please", limit: 2 }) }),
    },
    key: "read",
    direct: true,
  },
  {
    name: "a mutation refused by its input (400 with field errors)",
    path: "/api/trpc/templates.create?batch=1",
    init: {
      method: "POST",
      headers: json,
      body: JSON.stringify({ 0: superjson.serialize({ name: "", content: "x" }) }),
    },
    key: "write",
    direct: true,
  },
  {
    name: "a mutation a read key may not make (403)",
    path: "/api/trpc/templates.create",
    init: {
      method: "POST",
      headers: json,
      body: superjson.stringify({ name: "Nope", content: "Hello", status: "active" }),
    },
    key: "read",
    direct: true,
  },
  { name: "an unknown procedure (404)", path: "/api/trpc/nope.nothing", direct: false },
  {
    name: "a mutation over GET (405)",
    path: `/api/trpc/templates.create?input=${input({ name: "x", content: "y" })}`,
    key: "write",
    direct: false,
  },
  {
    name: "malformed JSON input",
    path: "/api/trpc/workspace.get?input=%7Bnot-json",
    key: "read",
    direct: false,
  },
  {
    name: "a batch whose input is not an object",
    path: `/api/trpc/workspace.get?batch=1&input=${encodeURIComponent("[1]")}`,
    key: "read",
    direct: false,
  },
  {
    name: "an empty POST body",
    path: "/api/trpc/templates.create",
    init: { method: "POST", headers: json, body: "" },
    key: "write",
    direct: false,
  },
  {
    name: "a malformed POST body (read here, then handed over)",
    path: "/api/trpc/templates.create",
    init: { method: "POST", headers: json, body: "{oops" },
    key: "write",
    direct: false,
  },
  {
    name: "a query and a mutation in one batch",
    path: "/api/trpc/workspace.get,templates.create?batch=1",
    init: { method: "POST", headers: json, body: "{}" },
    key: "write",
    direct: false,
  },
  {
    name: "a POST without a JSON content type",
    path: "/api/trpc/templates.create",
    init: { method: "POST", headers: { "content-type": "text/plain" }, body: "{}" },
    key: "write",
    direct: false,
  },
];

function requestFor(c: Case): { url: string; init: RequestInit } {
  const headers = new Headers(c.init?.headers);
  if (c.key) headers.set("authorization", `Bearer ${c.key === "read" ? readKey : writeKey}`);
  return { url: `${base}${c.path}`, init: { ...c.init, headers } };
}

async function summary(response: Response) {
  const text = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get("content-type"),
    vary: response.headers.get("vary"),
    rateLimited: response.headers.get("x-ratelimit-limit") !== null,
    // Remaining tokens and timings differ between two calls; the answers must not otherwise.
    body: JSON.parse(text.replace(/"(createdAt|updatedAt|suggestionId)":"[^"]*"/g, '"$1":"…"')),
  };
}

describe("the front server's direct tRPC path", () => {
  it.each(cases)("answers $name as tRPC's fetch handler does", async (c) => {
    const { url, init } = requestFor(c);
    const parsed = new URL(url);
    const plan = planDirectCall({
      method: init.method ?? "GET",
      encodedPath: parsed.pathname.slice("/api/trpc/".length),
      search: parsed.searchParams,
      headers: new Headers(init.headers),
    });
    const inputs =
      plan &&
      readDirectInputs(
        plan,
        init.method === "POST"
          ? { body: String(init.body) }
          : { query: parsed.searchParams.get("input") },
      );
    expect(Boolean(plan && inputs)).toBe(c.direct);

    const front = await summary(await fetch(url, init));
    const handler = await summary(
      await handleTrpcRequest(
        new Request(url, { ...init, ...(init.body ? { duplex: "half" } : {}) }),
        readSessionUserCached,
      ),
    );
    expect(front).toEqual(handler);
    expect(front.status).toBeGreaterThanOrEqual(200);
  });

  it("answers a mixed batch with 207 and each call's own result", async () => {
    const { url, init } = requestFor(cases[3] as Case);
    const res = await fetch(url, init);
    expect(res.status).toBe(207);
    const body = (await res.json()) as [
      { result: { data: { json: { slug: string } } } },
      { error: { json: { data: { code: string; fieldErrors: Record<string, string[]> } } } },
    ];
    expect(body[0].result.data.json.slug).toBeTruthy();
    expect(body[1].error.json.data.code).toBe("BAD_REQUEST");
    expect(body[1].error.json.data.fieldErrors.message).toBeDefined();
  });

  it("sends the rate-limit headers of a key's call and no-store", async () => {
    const { url, init } = requestFor(cases[1] as Case);
    const res = await fetch(url, init);
    expect(res.status).toBe(200);
    expect(Number(res.headers.get("x-ratelimit-remaining"))).toBeGreaterThanOrEqual(0);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(Number(res.headers.get("content-length"))).toBeGreaterThan(0);
  });
});
