import { MockLanguageModelV3 } from "ai/test";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { mockRegistry } from "@/test/ai";
import { completedAnalysis } from "@/test/analysis";
import { testDatabase } from "@/test/db";
import { signUpOwner } from "@/test/factories";

/**
 * The insights step narrates with the workspace's `insights` model (the AI SDK's mock model at
 * the provider boundary) and labels each text "ai"; a narration that changes a number is
 * refused and the computed sentence kept ("computed").
 */
let db: Database;
beforeAll(async () => {
  db = await testDatabase();
});

/** Answers with every given insight's text rewritten by `rewrite` (read from the prompt's JSON). */
function narratingModel(rewrite: (text: string, id: number) => string) {
  const prompts: string[] = [];
  const model = new MockLanguageModelV3({
    doGenerate: async (options) => {
      // The user message holds the insights as JSON between the untrusted-data tags.
      const user = options.prompt.find((m) => m.role === "user");
      const text = Array.isArray(user?.content)
        ? user.content.map((part) => (part.type === "text" ? part.text : "")).join("")
        : "";
      prompts.push(text);
      const data = text.slice(text.indexOf("["), text.lastIndexOf("]") + 1);
      const given = JSON.parse(data) as { id: number; text: string }[];
      const insights = given.map((g) => ({ id: g.id, text: rewrite(g.text, g.id) }));
      return {
        content: [{ type: "text", text: JSON.stringify({ insights }) }],
        finishReason: { unified: "stop", raw: "stop" },
        usage: {
          inputTokens: { total: 100, noCache: 100, cacheRead: 0, cacheWrite: 0 },
          outputTokens: { total: 20, text: 20, reasoning: 0 },
        },
        warnings: [],
      };
    },
  });
  return { model, prompts };
}

describe("insight narration in an analysis run", () => {
  it("stores the AI's wording, labelled ai, when it keeps the numbers", async () => {
    const owner = await signUpOwner(db, { workspaceName: "Narrated analysis" });
    const { model, prompts } = narratingModel((text) => `Worth doing now. ${text}`);
    const { runId } = await completedAnalysis(
      db,
      owner.workspace.id,
      mockRegistry({ language: model }),
    );
    expect(prompts).toHaveLength(1);
    const { insights } = await owner.caller.analysis.insights({ runId });
    expect(insights.length).toBeGreaterThan(0);
    for (const insight of insights) {
      expect(insight.narratedBy).toBe("ai");
      expect(insight.text).toMatch(/^Worth doing now\. /);
    }
  });

  it("keeps the computed sentence when the narration changes a number", async () => {
    const owner = await signUpOwner(db, { workspaceName: "Narration refused" });
    const { model } = narratingModel((text) => `${text} About 999 more.`);
    const { runId } = await completedAnalysis(
      db,
      owner.workspace.id,
      mockRegistry({ language: model }),
    );
    const { insights } = await owner.caller.analysis.insights({ runId });
    expect(insights.length).toBeGreaterThan(0);
    for (const insight of insights) {
      expect(insight.narratedBy).toBe("computed");
      expect(insight.text).not.toMatch(/999/);
    }
  });
});
