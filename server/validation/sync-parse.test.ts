import { describe, expect, it } from "vitest";
import { ZodError, z } from "zod";
import { forMessageInput, forMessageOutput } from "@/server/api/routers/suggestions.schema";
import { parsedSynchronously } from "./sync-parse";

const output = {
  suggestionId: "6f1c3c1e-7d1b-4b8e-9a55-1f2d3c4b5a69",
  confident: true,
  noConfidentSuggestion: false,
  noConfidentReason: null,
  knownWordShare: 1,
  unfamiliarWords: [],
  threshold: 0.5,
  model: { version: 2 },
  sentiment: { label: "neutral", compound: 0 },
  extracted: { orderNumber: "A12345" },
  suggestions: [
    {
      rank: 1,
      templateId: "0d5c2a43-1b7e-4f3a-8a0b-6f2e9d1c3b4a",
      name: "Card arrival",
      confidence: 0.8,
      lowConfidence: false,
      reasons: { triggers: [], modelProbability: 0.7, textMatch: 0.2, pastChoices: 0 },
      preview: "Your card arrives in 5 days.",
      values: {},
      valueSources: {},
      missing: [],
      invalid: [],
    },
  ],
  warnings: [],
  extra: "dropped",
};

async function rejection(promise: Promise<unknown>): Promise<ZodError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ZodError) return error;
    throw error;
  }
  throw new Error("expected a ZodError");
}

describe("parsedSynchronously", () => {
  it("gives what the schema's own parseAsync gives: defaults applied, unknown keys dropped", async () => {
    const input = { message: "Where is my card?" };
    expect(await parsedSynchronously(forMessageInput).parseAsync(input)).toEqual(
      await forMessageInput.parseAsync(input),
    );
    expect(await parsedSynchronously(forMessageInput).parseAsync(input)).toMatchObject({
      limit: 3,
    });
    const parsed = await parsedSynchronously(forMessageOutput).parseAsync(output);
    expect(parsed).toEqual(await forMessageOutput.parseAsync(output));
    expect(parsed).not.toHaveProperty("extra");
  });

  it("rejects with the same ZodError issues, so tRPC's BAD_REQUEST and field errors are unchanged", async () => {
    const bad = { message: "", limit: 99, context: { shop: {} } };
    const ours = await rejection(parsedSynchronously(forMessageInput).parseAsync(bad));
    const theirs = await rejection(forMessageInput.parseAsync(bad));
    expect(ours.issues).toEqual(theirs.issues);
    expect(z.flattenError(ours).fieldErrors).toEqual(z.flattenError(theirs).fieldErrors);
    expect(Object.keys(z.flattenError(ours).fieldErrors).sort()).toEqual([
      "context",
      "limit",
      "message",
    ]);
    const wrongOutput = { ...output, threshold: 1.5 };
    const outIssues = await rejection(
      parsedSynchronously(forMessageOutput).parseAsync(wrongOutput),
    );
    expect(outIssues.issues.map((i) => i.path)).toEqual([["threshold"]]);
  });

  it("still validates a schema with an async refinement (zod cannot parse it synchronously)", async () => {
    const taken = new Set(["ann"]);
    const username = z
      .string()
      .min(2)
      .refine(async (name) => !taken.has(name), "Taken");
    const schema = parsedSynchronously(username);
    expect(() => username.parse("bob")).toThrow(z.core.$ZodAsyncError);
    await expect(schema.parseAsync("bob")).resolves.toBe("bob");
    const error = await rejection(schema.parseAsync("ann"));
    expect(error.issues[0]?.message).toBe("Taken");
    expect((await rejection(schema.parseAsync("a"))).issues[0]?.code).toBe("too_small");
  });

  it("leaves the original schema as it was", async () => {
    const schema = z.object({ n: z.number() });
    const copy = parsedSynchronously(schema);
    expect(copy).not.toBe(schema);
    expect(schema.parseAsync).not.toBe(copy.parseAsync);
    await expect(schema.parseAsync({ n: 1 })).resolves.toEqual({ n: 1 });
  });
});
