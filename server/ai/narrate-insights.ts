import { generateText, Output } from "ai";
import { z } from "zod";
import type { ComputedInsight } from "@/server/analysis/insights";
import { log } from "@/server/logger";
import type { AiSession } from "./ai-session";
import { UNTRUSTED_RULE, untrusted } from "./untrusted";

const narrationOutput = z.object({
  insights: z.array(z.object({ id: z.number().int(), text: z.string() })).max(200),
});

export type NarrationInput = Pick<ComputedInsight, "kind" | "impact" | "basis" | "text">;

/**
 * One call for the whole list (issue #15, section 4): the `insights` model rewrites each computed
 * sentence for an admin. The facts go in as data (template names and key phrases come from
 * customers' messages). Returns the model's texts by 0-based index; the caller checks them.
 */
export async function aiNarrateInsights(
  session: AiSession,
  insights: readonly NarrationInput[],
): Promise<{ id: number; text: string }[]> {
  const choice = session.languageModel("insights");
  return session.run(
    { useCase: "insights", label: "analysis.insights", choice },
    async ({ model, abortSignal }) => {
      const result = await generateText({
        model,
        system: [
          "You rewrite recommendations for the admin of a customer-support team: one or two clear, friendly sentences each, saying what is wrong and what to do.",
          "Keep every number exactly as written (same digits, no rounding, no new numbers) and keep every name in “” (templates, topics, gaps) exactly as written.",
          'Answer with JSON only: {"insights": [{"id": number, "text": string}]}, one entry per given id.',
          UNTRUSTED_RULE,
        ].join("\n"),
        prompt: [
          "Recommendations (id, kind, impact 0–100, the facts, the computed sentence):",
          untrusted(
            "insights",
            JSON.stringify(
              insights.map((i, id) => ({
                id,
                kind: i.kind,
                impact: i.impact,
                basis: i.basis,
                text: i.text,
              })),
            ),
          ),
        ].join("\n"),
        output: Output.object({ schema: narrationOutput }),
        abortSignal,
        maxRetries: 0,
        temperature: 0,
      });
      return {
        value: result.output.insights,
        usage: { input: result.usage.inputTokens ?? 0, output: result.usage.outputTokens ?? 0 },
      };
    },
  );
}

export interface NarratedInsight extends ComputedInsight {
  narratedBy: "ai" | "computed";
}

/** Numbers in a text, thousands separators removed: "1,234" and "1234" are the same number. */
export function numbersIn(text: string): string[] {
  return (text.match(/\d[\d,]*(?:\.\d+)?/g) ?? []).map((n) =>
    n.replace(/,(?=\d{3}\b)/g, "").replace(/,$/, ""),
  );
}

/** Every number of the computed text is in the narration, and the narration has no other. */
export function keepsNumbers(computed: string, narrated: string): boolean {
  const want = numbersIn(computed);
  const got = numbersIn(narrated);
  const remaining = [...got];
  for (const n of want) {
    const at = remaining.indexOf(n);
    if (at < 0) return false;
    remaining.splice(at, 1);
  }
  const known = new Set(want);
  return remaining.every((n) => known.has(n));
}

/** Names the computed text quotes (“…”: templates, topics, gaps) that the narration must keep. */
export function keepsNames(computed: string, narrated: string): boolean {
  const lower = narrated.toLowerCase();
  return [...computed.matchAll(/“([^”]+)”/g)].every((m) =>
    lower.includes((m[1] ?? "").toLowerCase()),
  );
}

/** A narrated text is used only when it is a sentence of sane length with the same facts. */
export const MAX_NARRATED_LENGTH = 800;
function acceptable(computed: string, narrated: string): boolean {
  return (
    narrated.length > 0 &&
    narrated.length <= MAX_NARRATED_LENGTH &&
    keepsNumbers(computed, narrated) &&
    keepsNames(computed, narrated)
  );
}

/**
 * Rewrites the texts with the `insights` model when the session has one; on no model, failure or
 * a narration that changes a number (or drops a quoted name, is empty or too long), keeps the
 * computed text (narratedBy "computed"); the warning says how many. Never throws
 * for provider problems. Called OUTSIDE any tenant transaction.
 */
export async function narrateInsights(
  session: AiSession,
  insights: ComputedInsight[],
): Promise<{ insights: NarratedInsight[]; warning: string | null }> {
  const computed = (): NarratedInsight[] =>
    insights.map((i) => ({ ...i, narratedBy: "computed" as const }));
  if (insights.length === 0 || !session.languageModel("insights")) {
    return { insights: computed(), warning: null };
  }
  let narrated: { id: number; text: string }[];
  try {
    narrated = await aiNarrateInsights(session, insights);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    log.warn("AI narration of insights failed; computed texts kept", { detail });
    return {
      insights: computed(),
      warning: `AI narration failed (${detail.slice(0, 200)}): the computed texts are shown.`,
    };
  }
  const texts = new Map<number, string>();
  for (const n of narrated) if (!texts.has(n.id)) texts.set(n.id, n.text.trim());
  let rejected = 0;
  let missing = 0;
  const out = insights.map((insight, id): NarratedInsight => {
    const text = texts.get(id);
    if (text === undefined) {
      missing++;
      return { ...insight, narratedBy: "computed" };
    }
    if (!acceptable(insight.text, text)) {
      rejected++;
      return { ...insight, narratedBy: "computed" };
    }
    return { ...insight, text, narratedBy: "ai" };
  });
  const problems = [
    rejected ? `${rejected} unusable (a number or a name changed, empty or too long)` : null,
    missing ? `${missing} not answered` : null,
  ].filter(Boolean);
  return {
    insights: out,
    warning: problems.length
      ? `AI narration: ${problems.join(", ")}; the computed text is shown for ${rejected + missing === 1 ? "it" : "those"}.`
      : null,
  };
}
