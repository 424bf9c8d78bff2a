import { generateText, Output } from "ai";
import { z } from "zod";
import type { AiSession } from "./ai-session";
import { UNTRUSTED_RULE, untrusted } from "./untrusted";

const draftOutput = z.object({
  reply: z.string().min(1).max(4000),
  citedSources: z.array(z.number().int()).max(20),
});

export type DraftSource = { heading: string; text: string };

export type AiDraft = {
  reply: string;
  /** 1-based indices into the given sources, validated: invented indices are dropped. */
  cited: number[];
  /** Indices the model cited that do not exist (dropped from `cited`, reported for the UI/logs). */
  droppedCitations: number[];
  /** True when the model cited nothing: the draft is not grounded and the UI must say so. */
  ungrounded: boolean;
};

/**
 * A reply draft grounded in the workspace's FAQ/knowledge rows (issue #13, point 4). The
 * sources are numbered context; the customer's text is untrusted data. Never sent by itself:
 * the caller shows it to an agent as "AI draft — check before sending".
 */
export async function aiDraftReply(
  session: AiSession,
  input: { message: string; sources: DraftSource[] },
): Promise<AiDraft> {
  const choice = session.languageModel("draft");
  const out = await session.run(
    { useCase: "draft", label: "inbox.draft", choice },
    async ({ model, abortSignal }) => {
      const result = await generateText({
        model,
        system: [
          "You draft a support agent's reply to a customer, using only the numbered sources.",
          'Answer with JSON only: {"reply": string, "citedSources": number[]} where citedSources lists the numbers of the sources the reply relies on.',
          "If no source answers the message, say so briefly in the reply and cite nothing.",
          UNTRUSTED_RULE,
        ].join("\n"),
        prompt: [
          "Customer message:",
          untrusted("message", input.message),
          "Sources:",
          ...input.sources.map(
            (s, i) => `[${i + 1}]\n${untrusted("source", `${s.heading}\n${s.text}`)}`,
          ),
        ].join("\n"),
        output: Output.object({ schema: draftOutput }),
        abortSignal,
        maxRetries: 0,
        temperature: 0,
      });
      return {
        value: result.output,
        usage: { input: result.usage.inputTokens ?? 0, output: result.usage.outputTokens ?? 0 },
      };
    },
  );
  const cited: number[] = [];
  const dropped: number[] = [];
  for (const n of out.citedSources) {
    if (n >= 1 && n <= input.sources.length) {
      if (!cited.includes(n)) cited.push(n);
    } else dropped.push(n);
  }
  return { reply: out.reply, cited, droppedCitations: dropped, ungrounded: cited.length === 0 };
}
