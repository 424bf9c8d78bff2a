import { Output, parsePartialJson, streamText } from "ai";
import { z } from "zod";
import { AppError } from "@/server/errors";
import { type AiSession, InvalidAiOutput } from "./ai-session";
import { UNTRUSTED_RULE, untrusted } from "./untrusted";

/** What the model returns: the rewrite and what it changed, as a zod schema (Output.object). */
export const optimizationOutput = z.object({
  optimizedTemplate: z.string().min(1).max(20_000),
  improvementAreas: z
    .array(z.object({ area: z.string().max(80), change: z.string().max(400) }))
    .max(8),
});
export type OptimizationOutput = z.infer<typeof optimizationOutput>;

export type OptimizeRequest = {
  content: string;
  /** Placeholder names the rewrite must keep, all of them and no others. */
  placeholders: string[];
  goal: string | null;
  language: string;
  /** Placeholder names found in a text (the template language's parser). */
  placeholdersOf: (text: string) => string[];
};

export type OptimizeStreamEvents = {
  /** The rewrite so far (whole, not a delta): the editor shows it as it grows. */
  onText?: (text: string) => void;
  /** The attempt shown so far failed and another begins: clear the text. */
  onRestart?: (reason: string) => void;
};

const SYSTEM = [
  "You improve reply templates that support agents send to customers.",
  "Rewrite the template to be clearer, warmer and more likely to resolve the customer's issue, in the template's own language.",
  "Placeholders are written {name} or {name|fallback}. Keep every placeholder exactly as written, use no other placeholders, and invent no facts, prices, dates or promises.",
  'Answer with JSON only: {"optimizedTemplate": string, "improvementAreas": [{"area": string, "change": string}]} listing at most 5 areas.',
  UNTRUSTED_RULE,
].join("\n");

function prompt(request: OptimizeRequest, feedback: string | null): string {
  const parts = [
    `Template language: ${request.language}.`,
    `Placeholders to keep: ${request.placeholders.map((p) => `{${p}}`).join(", ") || "none"}.`,
    "The template:",
    untrusted("template", request.content),
  ];
  if (request.goal)
    parts.push("What the admin wants from the rewrite:", untrusted("goal", request.goal));
  if (feedback) parts.push(`Your previous rewrite was rejected: ${feedback} Try again.`);
  return parts.join("\n");
}

/** Which placeholders a rewrite lost or invented; null when it kept exactly the original's. */
export function placeholderProblem(expected: string[], found: string[]): string | null {
  const want = new Set(expected);
  const got = new Set(found);
  const missing = [...want].filter((p) => !got.has(p));
  const invented = [...got].filter((p) => !want.has(p));
  if (missing.length === 0 && invented.length === 0) return null;
  const list = (names: string[]) => names.map((n) => `{${n}}`).join(", ");
  return [
    missing.length ? `it dropped ${list(missing)}` : "",
    invented.length ? `it added ${list(invented)}, which the template does not declare` : "",
  ]
    .filter(Boolean)
    .join(" and ")
    .concat(".");
}

/**
 * The template optimisation feature: streams the rewrite, then checks its placeholders. A rewrite
 * that loses or invents one is asked for again once, with the reason; a second failure is a
 * clear error and nothing is kept.
 */
export async function aiOptimizeTemplate(
  session: AiSession,
  request: OptimizeRequest,
  events: OptimizeStreamEvents = {},
): Promise<OptimizationOutput & { model: string }> {
  const choice = session.languageModel("optimize");
  let feedback: string | null = null;
  for (let round = 1; round <= 2; round++) {
    try {
      const output = await session.run(
        { useCase: "optimize", label: "templates.optimize", choice },
        async ({ model, abortSignal }) => {
          const result = streamText({
            model,
            system: SYSTEM,
            prompt: prompt(request, feedback),
            output: Output.object({ schema: optimizationOutput }),
            abortSignal,
            maxRetries: 0,
            temperature: 0.4,
            // Errors are read from fullStream below and classified by the session; the SDK's
            // default handler would also print them.
            onError: () => {},
          });
          let raw = "";
          let failure: unknown = null;
          for await (const part of result.fullStream) {
            if (part.type === "text-delta") {
              raw += part.text;
              const partial = await parsePartialJson(raw);
              const text = (partial.value as { optimizedTemplate?: unknown } | undefined)
                ?.optimizedTemplate;
              if (typeof text === "string") events.onText?.(text);
            } else if (part.type === "error") {
              failure = part.error;
            }
          }
          if (abortSignal.aborted) throw abortSignal.reason;
          if (failure) throw failure;
          const [value, usage] = await Promise.all([result.output, result.usage]);
          const used = { input: usage.inputTokens ?? 0, output: usage.outputTokens ?? 0 };
          const problem = placeholderProblem(
            request.placeholders,
            request.placeholdersOf(value.optimizedTemplate),
          );
          if (problem) throw new InvalidAiOutput(problem, used);
          return { value, usage: used };
        },
        { onRetry: () => events.onRestart?.("The provider failed; trying again") },
      );
      return { ...output, model: choice ? `${choice.provider}:${choice.modelId}` : "" };
    } catch (error) {
      if (!(error instanceof InvalidAiOutput)) throw error;
      if (round === 2) {
        throw new AppError(
          "BAD_GATEWAY",
          `The AI rewrite changed the template's placeholders twice (${error.reason.replace(/\.$/, "")}), so it was discarded. Nothing was saved; try again or edit by hand.`,
        );
      }
      feedback = `${error.reason} Keep every placeholder exactly as in the template.`;
      events.onRestart?.(`The rewrite ${error.reason.replace(/\.$/, "")}; asking again`);
    }
  }
  // Unreachable: the second round returns or throws.
  throw new AppError("BAD_GATEWAY", "The AI rewrite failed");
}
