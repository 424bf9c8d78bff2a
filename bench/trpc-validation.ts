/**
 * What validating suggestions.forMessage's input and output costs per call, as tRPC runs it
 * (`parseAsync`) and through parsedSynchronously (server/validation/sync-parse.ts: zod's
 * compiled synchronous parser), on an answer with three suggestions.
 *   npx tsx bench/trpc-validation.ts [--calls 20000] [--rounds 5]
 * Rounds alternate the two ways; prints one JSON object with each round's µs per call.
 */
import { parseArgs } from "node:util";
import { forMessageInput, forMessageOutput } from "@/server/api/routers/suggestions.schema";
import { parsedSynchronously } from "@/server/validation/sync-parse";

const { values } = parseArgs({
  options: {
    calls: { type: "string", default: "20000" },
    rounds: { type: "string", default: "5" },
  },
});
const calls = Number(values.calls);
const rounds = Number(values.rounds);

const suggestion = (rank: number) => ({
  rank,
  templateId: crypto.randomUUID(),
  name: "Card arrival",
  confidence: 0.81,
  lowConfidence: rank > 1,
  reasons: {
    triggers: [{ kind: "keyword" as const, value: "card", weight: 1 }],
    modelProbability: 0.74,
    textMatch: 0.21,
    pastChoices: 0,
  },
  preview:
    "Hi Ann, your new card is on its way and should arrive within 5 working days. If it has not arrived by then, reply here and we will send another one.",
  values: { "customer.first_name": "Ann" },
  valueSources: { "customer.first_name": "conversation" as const },
  missing: ["order_id"],
  invalid: [],
});
const output = {
  suggestionId: crypto.randomUUID(),
  confident: true,
  noConfidentSuggestion: false,
  noConfidentReason: null,
  knownWordShare: 0.97,
  unfamiliarWords: [],
  threshold: 0.52,
  model: { version: 3 },
  sentiment: { label: "negative" as const, compound: -0.32 },
  extracted: { firstName: "Ann", orderNumber: "A12345" },
  suggestions: [1, 2, 3].map(suggestion),
  warnings: [],
};
const input = {
  message: "Hi, it's Ann. I still have not received my new card (order A12345).",
  limit: 3,
};

async function microsPerCall(parse: (value: unknown) => Promise<unknown>, value: unknown) {
  const started = performance.now();
  for (let i = 0; i < calls; i++) await parse(value);
  return Math.round(((performance.now() - started) / calls) * 1000 * 100) / 100;
}

const syncInput = parsedSynchronously(forMessageInput);
const syncOutput = parsedSynchronously(forMessageOutput);
const result = {
  calls,
  output_async_us: [] as number[],
  output_sync_us: [] as number[],
  input_async_us: [] as number[],
  input_sync_us: [] as number[],
};
for (let round = 0; round < rounds; round++) {
  result.output_async_us.push(await microsPerCall((v) => forMessageOutput.parseAsync(v), output));
  result.output_sync_us.push(await microsPerCall((v) => syncOutput.parseAsync(v), output));
  result.input_async_us.push(await microsPerCall((v) => forMessageInput.parseAsync(v), input));
  result.input_sync_us.push(await microsPerCall((v) => syncInput.parseAsync(v), input));
}
console.log(JSON.stringify(result));
