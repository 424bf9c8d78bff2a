import { beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/trpc/[trpc]/route";
import type { Database } from "@/db";
import { testDatabase } from "@/test/db";
import { createKey, signUpOwner } from "@/test/factories";
import { MiB } from "./body-limit";
import { limitTrpcBody, trpcBodyLimit } from "./trpc-body-limit";

let db: Database;
beforeAll(async () => {
  db = await testDatabase();
});

const url = (path: string) => `http://parley.test/api/trpc/${path}`;

function post(path: string, body: string, headers: Record<string, string> = {}): Request {
  return new Request(url(path), {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
  });
}

/** A body streamed in 64 KB chunks without a Content-Length, as a chunked upload arrives. */
function chunked(path: string, bytes: number): Request {
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= bytes) return controller.close();
      sent += 64 * 1024;
      controller.enqueue(new Uint8Array(64 * 1024).fill(97));
    },
  });
  return new Request(url(path), { method: "POST", body, duplex: "half" } as RequestInit);
}

describe("tRPC body limits", () => {
  it("answers 413 in tRPC's error shape for a sign-up over 1 MB, before parsing it", async () => {
    const started = performance.now();
    const response = await POST(chunked("auth.signUp", 120 * MiB));
    const ms = performance.now() - started;
    expect(response.status).toBe(413);
    expect(response.headers.get("connection")).toBe("close");
    const body = (await response.json()) as {
      error: {
        json: { message: string; data: { code: string; httpStatus: number; path: string } };
      };
    };
    expect(body.error.json.data).toMatchObject({
      code: "PAYLOAD_TOO_LARGE",
      httpStatus: 413,
      path: "auth.signUp",
    });
    expect(body.error.json.message).toMatch(/larger than 1 MB/);
    // Stopping after the first megabyte, not reading 120 MB.
    expect(ms).toBeLessThan(2000);
  });

  it("answers one error per call for a batch", async () => {
    const big = JSON.stringify({ 0: { json: "x".repeat(2 * MiB) } });
    const response = await POST(post("auth.signUp,workspace.create?batch=1", big));
    expect(response.status).toBe(413);
    const body = (await response.json()) as { error: { json: { data: { path: string } } } }[];
    expect(body.map((e) => e.error.json.data.path)).toEqual(["auth.signUp", "workspace.create"]);
  });

  it("refuses on a declared Content-Length alone", async () => {
    const request = new Request(url("auth.signUp"), {
      method: "POST",
      headers: { "content-length": String(5 * MiB) },
      body: "{}",
    });
    const limited = await limitTrpcBody(request);
    expect(limited).toBeInstanceOf(Response);
    expect((limited as Response).status).toBe(413);
  });

  it("gives templates.import 32 MB only with credentials, and only when alone in the request", () => {
    const bearer = { authorization: "Bearer pk_x" };
    const cookie = { cookie: "theme=dark; authjs.session-token=abc" };
    expect(trpcBodyLimit(post("templates.import", "", bearer))).toBe(32 * MiB);
    expect(trpcBodyLimit(post("templates.import", "", cookie))).toBe(32 * MiB);
    expect(trpcBodyLimit(post("templates.import", ""))).toBe(MiB);
    expect(trpcBodyLimit(post("templates.import,auth.signUp?batch=1", "", bearer))).toBe(MiB);
    expect(trpcBodyLimit(post("templates.list", "", bearer))).toBe(MiB);
  });

  it("still imports a file over 1 MB through the HTTP handler", async () => {
    const { caller } = await signUpOwner(db);
    const { key } = await createKey(db, caller, "write");
    const filler = "Thanks for waiting. ".repeat(4_000); // 80,000 characters per template
    const templates = Array.from({ length: 70 }, (_, i) => ({
      name: `Large reply ${i}`,
      content: filler.slice(0, 19_000),
    }));
    const content = JSON.stringify({ format: "parley.templates", version: 1, templates });
    const body = JSON.stringify({ json: { format: "json", content, dryRun: true } });
    expect(body.length).toBeGreaterThan(MiB);
    const response = await POST(post("templates.import", body, { authorization: `Bearer ${key}` }));
    const text = await response.text();
    expect(response.status, text.slice(0, 500)).toBe(200);
    expect(text).toContain('"imported":70');
  });
});
