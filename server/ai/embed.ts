import { embedMany } from "ai";
import type { AiSession } from "./ai-session";

/**
 * Provider embeddings of texts (issue #12, section 6: extra features for the suggestion model;
 * the suggestions engine wires it in). One vector per text, in order.
 */
export async function aiEmbed(
  session: AiSession,
  texts: string[],
  label = "suggestions.embed",
): Promise<number[][]> {
  if (texts.length === 0) return [];
  const choice = session.embeddingModel();
  return session.run({ useCase: "embed", label, choice }, async ({ model, abortSignal }) => {
    const result = await embedMany({ model, values: texts, abortSignal, maxRetries: 0 });
    return { value: result.embeddings, usage: { input: result.usage.tokens ?? 0, output: 0 } };
  });
}
