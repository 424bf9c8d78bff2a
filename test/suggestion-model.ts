import type { memoryModelSource } from "@/server/suggestions/memory-model-source";
import { serializeModel } from "@/server/training/model/serialize";
import { DEFAULT_TRAINING, trainModel } from "@/server/training/model/train";
import type { Caller } from "@/test/factories";

/** Short customer messages per intent: enough for a small, honest model in a second. */
export const INTENT_MESSAGES: Record<string, string[]> = {
  card_arrival: [
    "when will my new card arrive",
    "my card has not arrived yet",
    "how long does card delivery take",
    "still waiting for my card in the mail",
    "where is my new bank card",
    "card delivery is taking too long",
    "has my card been sent out",
    "i ordered a card last week and it is not here",
    "track my card delivery",
    "when does the card get delivered",
  ],
  refund: [
    "i want a refund for this purchase",
    "how do i get my money back",
    "please refund the payment",
    "refund my order please",
    "can i return this item for a refund",
    "the refund has not reached my account",
    "request a refund for a wrong charge",
    "how long does a refund take",
    "give me my money back",
    "i was promised a refund",
  ],
  lost_card: [
    "i lost my card",
    "my card was stolen",
    "block my card it is missing",
    "someone stole my wallet with my card",
    "i cannot find my card anywhere",
    "freeze my lost card",
    "my card is gone please cancel it",
    "report a stolen card",
    "lost my debit card yesterday",
    "cancel my missing card",
  ],
};

/**
 * Trains the intent model on INTENT_MESSAGES (labels = the given template ids) and deploys it
 * to the workspace through the in-memory source; labelled training examples are not needed.
 */
export function deploySmallModel(
  source: ReturnType<typeof memoryModelSource>,
  workspaceId: string,
  templateIdOf: Record<string, string>,
  version = 1,
) {
  const examples = Object.entries(INTENT_MESSAGES).flatMap(([intent, texts]) =>
    texts.map((text) => ({ text, label: templateIdOf[intent] ?? intent })),
  );
  const model = trainModel(examples, { ...DEFAULT_TRAINING, seed: 3 });
  const bytes = serializeModel(model);
  return source.deploy(workspaceId, {
    version,
    bytes,
    threshold: model.threshold,
    labels: model.labels,
  });
}

export type { Caller };
