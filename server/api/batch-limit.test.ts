import { describe, expect, it } from "vitest";
import { MAX_BATCH_SIZE } from "@/lib/batch-limit";
import { countProcedures, rejectOversizedBatch } from "./batch-limit";
import { appRouter } from "./root";

const url = (path: string) => new URL(`http://parley.test/api/trpc/${path}`);

describe("countProcedures", () => {
  it.each([
    ["", 0],
    ["templates.list", 1],
    ["templates.list,templates.get", 2],
    ["a%2Cb%2cc", 3],
    ["a,b%ZZ", 2],
  ])("counts %s as %i", (path, count) => {
    expect(countProcedures(url(path), "/api/trpc")).toBe(count);
  });
});

describe("rejectOversizedBatch", () => {
  const request = (n: number, separator = ",") =>
    new Request(
      url(`${Array.from({ length: n }, () => "templates.list").join(separator)}?batch=1`),
    );

  it("lets a batch of the maximum size through", () => {
    expect(
      rejectOversizedBatch(request(MAX_BATCH_SIZE), { endpoint: "/api/trpc", router: appRouter }),
    ).toBeNull();
  });

  it("answers 400 to one call more, commas encoded or not", async () => {
    for (const separator of [",", "%2C"]) {
      const response = rejectOversizedBatch(request(MAX_BATCH_SIZE + 1, separator), {
        endpoint: "/api/trpc",
        router: appRouter,
      });
      expect(response?.status).toBe(400);
      const body = (await response?.json()) as unknown[];
      expect(body).toHaveLength(MAX_BATCH_SIZE + 1);
    }
  });
});
