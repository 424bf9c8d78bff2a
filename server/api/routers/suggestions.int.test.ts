import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { memoryModelSource } from "@/server/suggestions/memory-model-source";
import { deployedModels } from "@/server/suggestions/model-source";
import { configureServing } from "@/server/suggestions/serving";
import type { TemplateDraftInput } from "@/server/templates/language/template-schema";
import { testDatabase } from "@/test/db";
import { type Caller, signUpOwner } from "@/test/factories";
import { deploySmallModel } from "@/test/suggestion-model";

/**
 * Issue #10, "Must show": the ranking, feedback, pre-fill, "no confident suggestion", intent and
 * sentiment triggers, and isolation — through suggestions.forMessage as a client calls it.
 */
const draft = (name: string, content: string, extra: Partial<TemplateDraftInput> = {}) =>
  ({
    name,
    content,
    status: "active",
    variables: [],
    triggers: [],
    ...extra,
  }) as TemplateDraftInput;

let db: Database;
const source = memoryModelSource();

beforeAll(async () => {
  db = await testDatabase();
  configureServing(source);
});
afterAll(() => {
  configureServing(deployedModels);
});

async function workspaceWithModel() {
  const owner = await signUpOwner(db, { workspaceName: "Suggest Bank" });
  const c = owner.caller;
  const cardArrival = await c.templates.create(
    draft(
      "Card delivery times",
      "Hi {customer.first_name|there}, new cards arrive within 5 working days.",
    ),
  );
  const refund = await c.templates.create(
    draft("Refund status", "Hello {customer.first_name|there}, your refund is on its way."),
  );
  const lostCard = await c.templates.create(
    draft("Block a lost card", "We have blocked your card, {customer.first_name|there}."),
  );
  const ids = { card_arrival: cardArrival.id, refund: refund.id, lost_card: lostCard.id };
  const stamp = deploySmallModel(source, owner.workspace.id, ids);
  return { owner, c, ids, stamp };
}

describe("suggestions.forMessage", () => {
  let bank: Awaited<ReturnType<typeof workspaceWithModel>>;
  beforeAll(async () => {
    bank = await workspaceWithModel();
  });

  it("ranks the model's template first for a clear message, with calibrated reasons", async () => {
    const answer = await bank.c.suggestions.forMessage({
      message: "my card still has not arrived",
    });
    expect(answer.model).toEqual({ version: 1 });
    expect(answer.suggestions[0]?.templateId).toBe(bank.ids.card_arrival);
    const top = answer.suggestions[0];
    expect(top?.reasons.modelProbability).toBeGreaterThan(0.4);
    expect(top?.confidence).toBeGreaterThanOrEqual(top?.reasons.modelProbability ?? 1);
    expect(top?.confidence).toBeLessThanOrEqual(1);
    expect(top?.preview).toBe("Hi there, new cards arrive within 5 working days.");
  });

  it("a trigger match outranks a weak model guess", async () => {
    const { owner, c } = await workspaceWithModel();
    const special = await c.templates.create(
      draft("Zebra programme", "The Zebra programme is for students.", {
        triggers: [{ kind: "keyword", value: "zebra" }],
      }),
    );
    const answer = await c.suggestions.forMessage({ message: "question about zebra", limit: 5 });
    const guess = Math.max(...answer.suggestions.map((s) => s.reasons.modelProbability ?? 0));
    expect(guess).toBeLessThan(0.75); // the model only guesses here
    expect(answer.suggestions[0]?.templateId).toBe(special.id);
    expect(answer.suggestions[0]?.reasons.triggers).toEqual([
      { kind: "keyword", value: "zebra", weight: 1 },
    ]);
    expect(owner.workspace.id).toBeTruthy();
  });

  it("gibberish gets an explicit 'no confident suggestion', candidates marked low-confidence", async () => {
    const answer = await bank.c.suggestions.forMessage({ message: "xqzv blorf wuggle pnakt" });
    expect(answer.confident).toBe(false);
    expect(answer.noConfidentSuggestion).toBe(true);
    expect(answer.noConfidentReason).toBe("unfamiliar_words");
    expect(answer.knownWordShare).toBe(0);
    for (const s of answer.suggestions) expect(s.lowConfidence).toBe(true);
  });

  it("a message in words the model never saw is declined, though its probability is high; a trigger still answers it", async () => {
    // The three-intent model gives "pizza recipe" a probability above its threshold (a
    // three-way softmax has to put its mass somewhere); almost none of its words are known.
    const message = "recommend a good pizza recipe";
    const answer = await bank.c.suggestions.forMessage({ message });
    const top = answer.suggestions[0];
    expect(top?.reasons.modelProbability).toBeGreaterThan(answer.threshold);
    expect(answer.noConfidentSuggestion).toBe(true);
    expect(answer.noConfidentReason).toBe("unfamiliar_words");
    expect(answer.knownWordShare).toBeLessThan(0.4);
    // The answer names the words the model never saw, each once, in order, topic words
    // before function words and greetings.
    expect(answer.unfamiliarWords).toEqual(expect.arrayContaining(["pizza", "recipe"]));
    expect(answer.unfamiliarWords.indexOf("pizza")).toBeLessThan(
      answer.unfamiliarWords.indexOf("recipe"),
    );
    const greeted = await bank.c.suggestions.forMessage({
      message: "hello and thanks, please recommend a pizza recipe",
    });
    expect(greeted.unfamiliarWords.slice(0, 2)).toEqual(["recommend", "pizza"]);
    expect(greeted.unfamiliarWords).toEqual(expect.arrayContaining(["hello", "thanks"]));
    expect(top?.lowConfidence).toBe(true);
    expect(top?.confidence).toBeLessThan(top?.reasons.modelProbability ?? 0);
    // Every suggestion of a declined answer is marked weak, also one whose discounted
    // confidence still clears the threshold: a message just short of 40% known words whose
    // model probability is high enough (found by adding unknown words to a clear message).
    let discounted: string | null = null;
    for (let extra = 1; extra <= 12; extra++) {
      const words = ["xqzv", "blorf", "wuggle", "pnakt", "frimble", "zorp"];
      const noise = Array.from({ length: extra }, (_, i) => words[i % words.length]).join(" ");
      const mixed = await bank.c.suggestions.forMessage({
        message: `my card still has not arrived ${noise}`,
      });
      if (mixed.knownWordShare >= 0.4) continue;
      expect(mixed.confident).toBe(false);
      for (const s of mixed.suggestions) expect(s.lowConfidence).toBe(true);
      if ((mixed.suggestions[0]?.confidence ?? 0) >= mixed.threshold)
        discounted ??= `my card still has not arrived ${noise}`;
    }
    expect(discounted).not.toBeNull();
    // On such a message a template a trigger carries is confident and ranks first, above the
    // model's discounted guess (it used to rank below it, the answer declined).
    const other = await workspaceWithModel();
    const carried = await other.c.templates.create(
      draft("Odd words", "We will look into it.", {
        triggers: [{ kind: "keyword", value: "xqzv" }],
      }),
    );
    const answered = await other.c.suggestions.forMessage({ message: discounted ?? "" });
    expect(answered.knownWordShare).toBeLessThan(0.4);
    expect(answered.confident).toBe(true);
    expect(answered.suggestions[0]?.templateId).toBe(carried.id);
    expect(answered.suggestions[0]?.lowConfidence).toBe(false);
    expect(answered.suggestions[1]?.confidence).toBeGreaterThan(
      answered.suggestions[0]?.confidence ?? 1,
    );
    expect(answered.suggestions[1]?.lowConfidence).toBe(true);
    // A familiar message is unaffected: its confidence is at least the model's probability.
    const familiar = await bank.c.suggestions.forMessage({ message: "i lost my card" });
    expect(familiar.confident).toBe(true);
    expect(familiar.noConfidentReason).toBeNull();
    expect(familiar.knownWordShare).toBeGreaterThanOrEqual(0.4);
    expect(familiar.unfamiliarWords).toEqual([]);

    const { c } = await workspaceWithModel();
    const pizza = await c.templates.create(
      draft("Partner offers", "Our partner restaurants are listed in the app.", {
        triggers: [{ kind: "keyword", value: "pizza" }],
      }),
    );
    const triggered = await c.suggestions.forMessage({ message });
    expect(triggered.confident).toBe(true);
    expect(triggered.suggestions[0]?.templateId).toBe(pizza.id);
  });

  it("an intent trigger fires when the model names that intent first", async () => {
    const { c } = await workspaceWithModel();
    // Intent by the model's label (a template id) and by name: both fire for card_arrival.
    const upsell = await c.templates.create(
      draft("Express delivery offer", "Need it sooner? Try express delivery.", {
        triggers: [{ kind: "intent", value: "Card delivery times" }],
      }),
    );
    const answer = await c.suggestions.forMessage({
      message: "when will my new card arrive",
      limit: 5,
    });
    const found = answer.suggestions.find((s) => s.templateId === upsell.id);
    expect(found?.reasons.triggers).toEqual([
      { kind: "intent", value: "Card delivery times", weight: 1 },
    ]);
    // It restates the model's guess: exactly as confident as the model is of that intent.
    const guessed = answer.suggestions.find((s) => s.name === "Card delivery times");
    expect(guessed?.rank).toBe(1);
    expect(found?.reasons.modelProbability).toBeNull();
    expect(found?.confidence).toBeCloseTo(guessed?.reasons.modelProbability ?? -1, 9);
    expect(found?.lowConfidence).toBe(guessed?.lowConfidence);
    const refund = await c.suggestions.forMessage({
      message: "please refund the payment",
      limit: 5,
    });
    expect(refund.suggestions.find((s) => s.templateId === upsell.id)).toBeUndefined();
  });

  it("a sentiment trigger fires on an angry message and not on a happy one", async () => {
    const owner = await signUpOwner(db, { workspaceName: "Suggest Tone" });
    const apology = await owner.caller.templates.create(
      draft("Apology", "We are very sorry, {customer.first_name|there}.", {
        triggers: [{ kind: "sentiment", value: "negative" }],
      }),
    );
    const angry = await owner.caller.suggestions.forMessage({
      message: "This is terrible service, I am furious and disappointed!",
    });
    expect(angry.sentiment.label).toBe("negative");
    expect(angry.suggestions[0]?.templateId).toBe(apology.id);
    expect(angry.suggestions[0]?.reasons.triggers[0]?.kind).toBe("sentiment");
    expect(angry.confident).toBe(true); // before any training, one trigger suffices
    const happy = await owner.caller.suggestions.forMessage({ message: "Great, thanks a lot!" });
    expect(happy.sentiment.label).toBe("positive");
    expect(happy.suggestions.find((s) => s.templateId === apology.id)).toBeUndefined();
  });

  it("pre-fills an order number and a first name from the conversation", async () => {
    const owner = await signUpOwner(db, { workspaceName: "Suggest Shop" });
    const template = await owner.caller.templates.create(
      draft(
        "Order update",
        "Hi {customer.first_name|there}, order {order_id} ships on {ship_date}.",
        {
          variables: [
            { name: "order_id", type: "text", required: true },
            { name: "ship_date", type: "date", required: true },
          ],
          triggers: [{ kind: "keyword", value: "update" }],
        },
      ),
    );
    const answer = await owner.caller.suggestions.forMessage({
      history: ["Hello, I'm Maria. My order #88123 has not arrived."],
      message: "Any update?",
      context: { agent: { first_name: "Sam" } },
    });
    const top = answer.suggestions[0];
    expect(top?.templateId).toBe(template.id);
    expect(answer.extracted).toMatchObject({ firstName: "Maria", orderNumber: "88123" });
    expect(top?.preview).toBe("Hi Maria, order 88123 ships on {ship_date}.");
    expect(top?.valueSources).toEqual({
      "customer.first_name": "conversation",
      order_id: "conversation",
    });
    expect(top?.missing).toEqual(["ship_date"]);
    // The caller's context wins over what the conversation says.
    const withContext = await owner.caller.suggestions.forMessage({
      history: ["Hello, I'm Maria. My order #88123 has not arrived."],
      message: "Any update?",
      context: { customer: { first_name: "María José" } },
    });
    expect(withContext.suggestions[0]?.preview).toBe(
      "Hi María José, order 88123 ships on {ship_date}.",
    );
  });

  it("before any training, works from triggers and text alone", async () => {
    const owner = await signUpOwner(db, { workspaceName: "Suggest Untrained" });
    const shipping = await owner.caller.templates.create(
      draft("Shipping times", "Parcels ship within two days and arrive within a week."),
    );
    await owner.caller.templates.create(draft("Password reset", "Reset your password here."));
    const answer = await owner.caller.suggestions.forMessage({
      message: "how long until my parcel ships?",
    });
    expect(answer.model).toBeNull();
    expect(answer.suggestions[0]?.templateId).toBe(shipping.id);
    expect(answer.suggestions[0]?.reasons.textMatch).toBeGreaterThan(0);
    // Word overlap alone is a candidate, never a confident suggestion.
    expect(answer.noConfidentSuggestion).toBe(true);
    expect(answer.noConfidentReason).toBe("below_threshold");
    // Without a model no word is unfamiliar.
    expect(answer.knownWordShare).toBe(1);
  });
});

describe("suggestions.feedback", () => {
  it("moves the chosen template up for similar messages and keeps it as a training example", async () => {
    const owner = await signUpOwner(db, { workspaceName: "Suggest Feedback" });
    const c: Caller = owner.caller;
    const first = await c.templates.create(
      draft("Parcel delayed", "Your parcel is delayed; we are sorry."),
    );
    const second = await c.templates.create(
      draft("Parcel lost in transit", "We will open an investigation with the courier."),
    );
    const before = await c.suggestions.forMessage({ message: "my parcel is delayed, is it lost?" });
    expect(before.suggestions.map((s) => s.templateId)).toEqual([first.id, second.id]);
    const result = await c.suggestions.feedback({
      suggestionId: before.suggestionId,
      chosenTemplateId: second.id,
    });
    expect(result).toEqual({ recorded: true, trainingExample: true });
    const after = await c.suggestions.forMessage({ message: "My parcel is delayed. Is it lost??" });
    expect(after.suggestions[0]?.templateId).toBe(second.id);
    expect(after.suggestions[0]?.reasons.pastChoices).toBeGreaterThan(0);
    // "None of them" is recorded too, and refers to this workspace's suggestion only.
    await expect(
      c.suggestions.feedback({ suggestionId: after.suggestionId, chosenTemplateId: null }),
    ).resolves.toEqual({ recorded: true, trainingExample: false });
    await expect(
      c.suggestions.feedback({ suggestionId: crypto.randomUUID(), chosenTemplateId: null }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("isolation", () => {
  it("another workspace's templates, model and feedback never appear", async () => {
    const a = await workspaceWithModel();
    const message = "when will my new card arrive";
    const mine = await a.c.suggestions.forMessage({ message });
    await a.c.suggestions.feedback({
      suggestionId: mine.suggestionId,
      chosenTemplateId: a.ids.refund,
    });

    const b = await signUpOwner(db, { workspaceName: "Suggest Other" });
    const own = await b.caller.templates.create(
      draft("Card delivery times", "Our own card text.", {
        triggers: [{ kind: "phrase", value: "new card" }],
      }),
    );
    const theirs = await b.caller.suggestions.forMessage({ message, limit: 10 });
    expect(theirs.model).toBeNull(); // A's deployed model is A's
    expect(theirs.suggestions.map((s) => s.templateId)).toEqual([own.id]);
    expect(theirs.suggestions[0]?.reasons.pastChoices).toBe(0); // A's feedback is A's
    expect(JSON.stringify(theirs)).not.toContain(a.ids.card_arrival);
    // B cannot give feedback on A's suggestion, nor choose A's template.
    await expect(
      b.caller.suggestions.feedback({ suggestionId: mine.suggestionId, chosenTemplateId: null }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      b.caller.suggestions.feedback({
        suggestionId: theirs.suggestionId,
        chosenTemplateId: a.ids.refund,
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    // And A still sees its own model, untouched by B.
    const again = await a.c.suggestions.forMessage({ message });
    expect(again.model).toEqual({ version: 1 });
  });
});
