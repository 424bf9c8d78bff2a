import { generateText, Output } from "ai";
import { z } from "zod";
import type { AiSession } from "./ai-session";
import { UNTRUSTED_RULE, untrusted } from "./untrusted";

const rerankOutput = z.object({
  ranking: z.array(z.object({ id: z.string(), score: z.number().min(0).max(1) })).max(50),
});

export type RerankCandidate = { id: string; text: string };

/**
 * LLM re-ranking of suggestion candidates (issue #12, section 6; the suggestions engine wires it
 * in). Returns every candidate once, best first: ids the model skipped or invented are dealt
 * with here (skipped ones keep their original order after the ranked ones, invented ones drop).
 */
export async function aiRerank(
  session: AiSession,
  input: { query: string; candidates: RerankCandidate[] },
): Promise<{ id: string; score: number | null }[]> {
  const choice = session.languageModel("rerank");
  const ranking = await session.run(
    { useCase: "rerank", label: "suggestions.rerank", choice },
    async ({ model, abortSignal }) => {
      const result = await generateText({
        model,
        system: [
          "You rank reply templates by how well each answers a customer's message.",
          'Answer with JSON only: {"ranking": [{"id": string, "score": number between 0 and 1}]}, best first, using only the given ids.',
          UNTRUSTED_RULE,
        ].join("\n"),
        prompt: [
          "Customer message:",
          untrusted("message", input.query),
          "Candidates:",
          ...input.candidates.map((c) => `id ${c.id}:\n${untrusted("candidate", c.text)}`),
        ].join("\n"),
        output: Output.object({ schema: rerankOutput }),
        abortSignal,
        maxRetries: 0,
        temperature: 0,
      });
      return {
        value: result.output.ranking,
        usage: { input: result.usage.inputTokens ?? 0, output: result.usage.outputTokens ?? 0 },
      };
    },
  );
  const known = new Map(input.candidates.map((c, i) => [c.id, i]));
  const seen = new Set<string>();
  const ranked: { id: string; score: number | null }[] = [];
  for (const r of ranking) {
    if (!known.has(r.id) || seen.has(r.id)) continue;
    seen.add(r.id);
    ranked.push({ id: r.id, score: r.score });
  }
  for (const c of input.candidates) if (!seen.has(c.id)) ranked.push({ id: c.id, score: null });
  return ranked;
}
