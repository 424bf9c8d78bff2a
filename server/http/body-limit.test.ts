import { describe, expect, it } from "vitest";
import { readBodyWithin, withBody } from "./body-limit";

/** A streamed request body of `chunks` chunks of `size` bytes, counting how many were pulled. */
function streamedRequest(chunks: number, size: number) {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled === chunks) return controller.close();
      pulled++;
      controller.enqueue(new Uint8Array(size).fill(97));
    },
  });
  const request = new Request("http://parley.test/api/trpc/auth.signUp", {
    method: "POST",
    body,
    duplex: "half",
  } as RequestInit);
  return { request, pulled: () => pulled };
}

describe("readBodyWithin", () => {
  it("reads a body within the limit whole", async () => {
    const { request } = streamedRequest(4, 1000);
    const result = await readBodyWithin(request, 4000);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.body?.byteLength).toBe(4000);
  });

  it("stops reading as soon as a streamed body passes the limit", async () => {
    // 120 chunks of 1 MB offered; the reader must stop after the second.
    const { request, pulled } = streamedRequest(120, 1024 * 1024);
    const result = await readBodyWithin(request, 1024 * 1024);
    expect(result).toEqual({ ok: false, reason: "streamed", bytes: 2 * 1024 * 1024 });
    expect(pulled()).toBeLessThanOrEqual(3);
  });

  it("refuses a declared Content-Length over the limit without reading", async () => {
    const { request, pulled } = streamedRequest(10, 1000);
    const declared = new Request(request, { headers: { "content-length": "120000000" } });
    const result = await readBodyWithin(declared, 1_000_000);
    expect(result).toEqual({ ok: false, reason: "declared", bytes: 120_000_000 });
    expect(pulled()).toBeLessThanOrEqual(1);
  });

  it("does not trust a small Content-Length over a larger body", async () => {
    const { request } = streamedRequest(3, 1000);
    const lying = new Request(request, { headers: { "content-length": "10" } });
    expect((await readBodyWithin(lying, 2500)).ok).toBe(false);
  });

  it("hands the body on unchanged", async () => {
    const original = new Request("http://parley.test/x", { method: "POST", body: "héllo" });
    const result = await readBodyWithin(original, 100);
    if (!result.ok) throw new Error("expected the body to fit");
    expect(await withBody(original, result.body).text()).toBe("héllo");
    const empty = await readBodyWithin(new Request("http://parley.test/x"), 100);
    expect(empty).toEqual({ ok: true, body: null });
  });
});
