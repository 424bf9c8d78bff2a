import { describe, expect, it } from "vitest";
import { type AnalysedMessage, DEFAULT_GAP_OPTIONS, detectGaps } from "./gaps";
import { detectPatterns } from "./patterns";
import { analyzeConversationData } from "./summary";

// Three topics no template answers, planted among scattered unconfident messages and answered ones.
const PLANTED = {
  crypto: [
    "can I buy bitcoin with my account",
    "do you support crypto currency purchases",
    "how do I buy bitcoin in the app",
    "is buying crypto like bitcoin possible",
    "I want to buy some bitcoin today",
    "can I hold crypto currency in my wallet",
  ],
  pets: [
    "does my insurance cover my dog at the vet",
    "is pet insurance for my dog included",
    "can I get pet insurance for my cat",
    "my dog needs the vet, does pet insurance pay",
    "how do I add my cat to pet insurance",
    "pet insurance claim for my dog vet bill",
  ],
  mortgage: [
    "can I apply for a mortgage to buy a house",
    "what mortgage rates do you offer for a house",
    "I need a mortgage for my first house",
    "how long does a mortgage application take",
    "mortgage approval for buying a house",
    "do you offer a mortgage for a second house",
  ],
};
const NOISE = [
  "where is the nearest branch office",
  "my password reset email never came",
  "what time do you close on sunday",
  "change the language of the website",
  "the app crashes when I open settings",
  "who is the chief executive of the company",
];
const ANSWERED = Array.from({ length: 30 }, (_, i) => `card arrival status number ${i}`);

function message(
  id: string,
  text: string,
  confident: boolean,
  at: Date | null = null,
): AnalysedMessage {
  return { id, text, confident, topProbability: confident ? 0.9 : 0.3, topLabel: null, at };
}

describe("knowledge gaps on planted data", () => {
  it("finds the three unanswered topics as three gaps with their own messages", () => {
    const messages = [
      ...Object.entries(PLANTED).flatMap(([topic, texts]) =>
        texts.map((t, i) => message(`${topic}-${i}`, t, false)),
      ),
      ...NOISE.map((t, i) => message(`noise-${i}`, t, false)),
      ...ANSWERED.map((t, i) => message(`ok-${i}`, t, true)),
    ];
    const { gaps, unconfident } = detectGaps(messages);
    expect(unconfident).toBe(24);
    const topicsOf = gaps.map((g) => new Set(g.messageIds.map((id) => id.split("-")[0])));
    // Each planted topic is exactly one gap, and that gap holds nothing else.
    for (const topic of Object.keys(PLANTED)) {
      const holding = gaps.filter((g) => g.messageIds.some((id) => id.startsWith(`${topic}-`)));
      expect(holding).toHaveLength(1);
      expect(
        holding[0]?.messageIds.filter((id) => id.startsWith(`${topic}-`)).length,
      ).toBeGreaterThanOrEqual(4);
    }
    // …and its messages are mostly that topic's (at most one stray message).
    const planted = Object.keys(PLANTED);
    expect(topicsOf.filter((s) => planted.some((t) => s.has(t)))).toHaveLength(3);
    for (const gap of gaps) {
      const topic = planted.find((t) => gap.messageIds.some((id) => id.startsWith(`${t}-`)));
      if (!topic) continue;
      const strays = gap.messageIds.filter((id) => !id.startsWith(`${topic}-`));
      expect(strays.length).toBeLessThanOrEqual(1);
    }
    const crypto = gaps.find((g) => g.messageIds[0]?.startsWith("crypto"));
    expect(crypto?.keyPhrases.join(" ")).toMatch(/bitcoin|crypto/);
    expect(crypto?.examples.every((e) => e.id.startsWith("crypto-"))).toBe(true);
    expect(crypto?.suggestedAction).toEqual({ kind: "create_template" });
    expect(crypto?.severity).toBeGreaterThan(0);
  });

  // Found by e2e/insights.spec.ts: "How long does a bitcoin withdrawal … take" and "How long does a
  // pet insurance claim take" (and "Which … your …" twice) were each other's nearest neighbours on
  // function words, and average linkage chained the wallet and pet topics into one gap.
  it("keeps two topics apart when questions about them share only function words", () => {
    const wallet = [
      "Is it possible to withdraw to a crypto wallet address?",
      "My crypto wallet transfer in bitcoin has not arrived yet",
      "Which crypto wallet apps work with your bitcoin payments?",
      "I sent bitcoin to the wrong crypto wallet, can you help?",
      "Why does my crypto wallet say the bitcoin payment failed?",
      "Can I top up my balance from a crypto wallet with bitcoin?",
      "How do I link my crypto wallet to pay with bitcoin?",
      "How long does a bitcoin withdrawal to my crypto wallet take?",
    ];
    const pets = [
      "Which vet clinics accept your pet insurance directly?",
      "Is my puppy covered by the pet insurance after the vet check?",
      "Does my pet insurance cover the vet bill for my cat?",
      "Where do I send the vet invoice for a pet insurance claim?",
      "Can I add a second dog to my pet insurance before the vet appointment?",
      "How long does a pet insurance claim take after the vet visit?",
    ];
    const messages = [
      ...wallet.map((t, i) => message(`wallet-${i}`, t, false)),
      ...pets.map((t, i) => message(`pets-${i}`, t, false)),
    ];
    const gapTopics = (gaps: { messageIds: string[] }[]) =>
      gaps.map((g) => [...new Set(g.messageIds.map((id) => id.split("-")[0]))].sort().join("+"));
    expect(gapTopics(detectGaps(messages).gaps).sort()).toEqual(["pets", "wallet"]);
    // The same messages clustered on every word merge: what the topic-word vectors fix.
    const allWords = {
      ...DEFAULT_GAP_OPTIONS,
      vectors: { ...DEFAULT_GAP_OPTIONS.vectors, topicWordsOnly: false },
    };
    expect(gapTopics(detectGaps(messages, allWords).gaps)).toContain("pets+wallet");
  });

  it("flags a topic whose volume triples in the later half as growing, a steady one not", () => {
    const from = new Date("2026-11-01T00:00:00Z");
    const to = new Date("2026-11-15T00:00:00Z");
    const early = new Date("2026-11-03T00:00:00Z");
    const late = new Date("2026-11-12T00:00:00Z");
    const messages: AnalysedMessage[] = [];
    PLANTED.crypto.forEach((t, i) => {
      messages.push(message(`crypto-a${i}`, t, false, early));
      for (let k = 0; k < 3; k++) messages.push(message(`crypto-b${i}-${k}`, t, false, late));
    });
    PLANTED.mortgage.forEach((t, i) => {
      messages.push(message(`mortgage-a${i}`, t, false, early));
      messages.push(message(`mortgage-b${i}`, t, false, late));
    });
    const patterns = detectPatterns(messages, { from, to });
    const crypto = patterns.find((p) => p.keyPhrases.join(" ").match(/bitcoin|crypto/));
    const mortgage = patterns.find((p) => p.keyPhrases.join(" ").match(/mortgage|house/));
    expect(crypto?.trend?.direction).toBe("growing");
    expect(crypto?.trend?.current).toBe((crypto?.trend?.previous ?? 0) * 3);
    expect(mortgage?.trend?.direction).toBe("stable");
    expect(crypto?.series.reduce((s, b) => s + b.count, 0)).toBe(crypto?.size);
  });

  it("finds the same topics without dates, with sizes and no trend", () => {
    const at = new Date("2026-11-03T00:00:00Z");
    const messages: AnalysedMessage[] = [];
    for (const [topic, texts] of Object.entries(PLANTED))
      texts.forEach((t, i) => {
        messages.push(message(`${topic}-${i}`, t, i % 2 === 0));
      });
    const undated = detectPatterns(messages, null);
    const dated = detectPatterns(
      messages.map((m) => ({ ...m, at })),
      { from: at, to: new Date("2026-11-04T00:00:00Z") },
    );
    expect(undated.length).toBeGreaterThanOrEqual(2);
    expect(undated.map((p) => [p.topic, p.size, p.answered])).toEqual(
      dated.map((p) => [p.topic, p.size, p.answered]),
    );
    for (const p of undated) {
      expect(p.trend).toBeNull();
      expect(p.series).toEqual([]);
    }
    // Largest first, and every planted message in at most one topic.
    expect(undated.map((p) => p.size)).toEqual(
      [...undated.map((p) => p.size)].sort((a, b) => b - a),
    );
    expect(undated.reduce((s, p) => s + p.size, 0)).toBeLessThanOrEqual(messages.length);
  });
});

describe("analyzeConversationData", () => {
  it("scores the model's top suggestion against what the agent used", () => {
    const base = { confident: true, topProbability: 0.9, at: null, csat: null, resolved: null };
    const summary = analyzeConversationData([
      {
        ...base,
        id: "1",
        text: "a",
        topLabel: "t1",
        agentTemplateId: "t1",
        csat: 5,
        resolved: true,
      },
      {
        ...base,
        id: "2",
        text: "b",
        topLabel: "t2",
        agentTemplateId: "t1",
        csat: 3,
        resolved: false,
      },
      { ...base, id: "3", text: "c", topLabel: "t2", agentTemplateId: "t1" },
      { ...base, id: "4", text: "d", topLabel: "t2", agentTemplateId: null },
    ]);
    expect(summary.accuracyScore).toBeCloseTo(1 / 3, 3);
    expect(summary.commonFailurePoints[0]).toMatchObject({
      expected: "t1",
      suggested: "t2",
      count: 2,
    });
    expect(summary.improvementAreas[0]).toMatchObject({ templateId: "t1", misses: 2, total: 3 });
    expect(summary.satisfaction).toEqual({ csat: 4, csatResponses: 2, resolutionRate: 0.5 });
  });
});
