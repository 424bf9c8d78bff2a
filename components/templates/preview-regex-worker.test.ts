import { Worker } from "node:worker_threads";
import { afterEach, describe, expect, it } from "vitest";
import {
  createPreviewRegexExecutor,
  PREVIEW_WORKER_SOURCE,
  type PreviewRegexExecutor,
  type WorkerLike,
} from "./preview-regex-worker";
import { renderPreviewWithoutPatterns, renderPreviewWithPatterns } from "./preview-render";

/**
 * The browser's worker source, run in a Node worker thread behind the same small interface
 * the DOM Worker offers (`self.onmessage`, `self.postMessage`, `terminate`).
 */
function nodeWorker(): WorkerLike {
  const shim = `
    const { parentPort } = require("node:worker_threads");
    const self = { postMessage: (m) => parentPort.postMessage(m) };
    parentPort.on("message", (data) => self.onmessage({ data }));
  `;
  const worker = new Worker(shim + PREVIEW_WORKER_SOURCE, { eval: true, execArgv: [] });
  const like: WorkerLike = {
    onmessage: null,
    onerror: null,
    postMessage: (message) => worker.postMessage(message),
    terminate: () => void worker.terminate(),
  };
  worker.on("message", (data) => like.onmessage?.({ data }));
  worker.on("error", (error) => like.onerror?.(error));
  return like;
}

const settings = { locale: "en-US", currency: "USD", timeZone: "UTC" };
const EVIL = "a".repeat(3_000);
// Passes the static screen (no nested or overlapping repetition), yet is polynomial with a
// high degree: V8 would backtrack for hours on 3,000 a's.
const SLOW = "a*a*a*a*a*a*a*b";

let executor: PreviewRegexExecutor | undefined;
afterEach(() => executor?.dispose());

describe("preview regex executor", () => {
  it("answers ordinary patterns from the worker", async () => {
    executor = createPreviewRegexExecutor({ createWorker: nodeWorker, timeoutMs: 5_000 });
    const outcomes = await executor.execute([
      { pattern: "^(?:[A-Z]{2}-\\d{4})$", flags: "u", input: "AB-1234" },
      { pattern: "^(?:x)$", flags: "u", input: "y" },
    ]);
    expect(outcomes).toEqual([
      { ok: true, matched: true },
      { ok: true, matched: false },
    ]);
  });

  it("stops a slow pattern at the timeout while the page's thread keeps running", async () => {
    executor = createPreviewRegexExecutor({ createWorker: nodeWorker, timeoutMs: 800 });
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10);
    const started = performance.now();
    const outcomes = await executor.execute([
      { pattern: "^(?:\\d+)$", flags: "u", input: "123" },
      { pattern: SLOW, flags: "u", input: EVIL },
      { pattern: "b", flags: "u", input: "b" },
    ]);
    clearInterval(ticker);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(ticks).toBeGreaterThan(10);
    expect(outcomes).toEqual([
      { ok: true, matched: true },
      { ok: false, reason: "timeout", message: expect.stringContaining("longer than 800 ms") },
      { ok: false, reason: "skipped", message: expect.stringContaining("not checked") },
    ]);
    // A fresh worker takes over.
    expect(await executor.execute([{ pattern: "b", flags: "", input: "b" }])).toEqual([
      { ok: true, matched: true },
    ]);
  });

  it("reports patterns as not checked when no worker can start, never running them on the page", async () => {
    executor = createPreviewRegexExecutor({
      createWorker: () => {
        throw new Error("blocked by the Content-Security-Policy");
      },
    });
    const [outcome] = await executor.execute([{ pattern: SLOW, flags: "", input: EVIL }]);
    expect(outcome).toMatchObject({ ok: false, reason: "skipped" });
  });
});

describe("preview rendering", () => {
  const variables = [
    { name: "code", type: "text" as const, required: true, pattern: SLOW },
    { name: "name", type: "text" as const, required: false },
  ];

  it("renders synchronously when no pattern has a value to check", () => {
    const input = { content: "Hi {name} {code}", variables, values: { name: "Ada" }, settings };
    expect(renderPreviewWithoutPatterns(input)).toMatchObject({
      ok: true,
      result: { output: "<p>Hi Ada <mark>{code}</mark></p>" },
    });
    expect(renderPreviewWithoutPatterns({ ...input, values: { code: EVIL } })).toBeNull();
  });

  it("shows a stopped pattern as an invalid value of its variable", async () => {
    executor = createPreviewRegexExecutor({ createWorker: nodeWorker, timeoutMs: 200 });
    const rendered = await renderPreviewWithPatterns(
      { content: "{code} {name}", variables, values: { code: EVIL, name: "Ada" }, settings },
      executor.execute,
    );
    expect(rendered).toMatchObject({
      ok: true,
      result: {
        invalid: [{ name: "code", message: expect.stringContaining("could not be checked") }],
      },
    });
  });
});
