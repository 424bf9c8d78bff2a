import { readFile } from "node:fs/promises";
import { expect, type Page, test } from "@playwright/test";
import { DEMO_AGENT, OWNER_STATE } from "./fixtures/accounts";
import { apiClient, signedInContext } from "./fixtures/trpc";

test.use({ storageState: OWNER_STATE });

/**
 * Three planted topics the demo model has no template for, each asked several ways; the wallet
 * topic is asked mostly in the later half of the analysed period (a growing topic).
 */
const TOPICS = {
  wallet: {
    reply: "You can link a crypto wallet under Settings > Payments; transfers take one hour.",
    asks: [
      "Can I send bitcoin from my account to my crypto wallet?",
      "How do I link my crypto wallet to pay with bitcoin?",
      "Is it possible to withdraw to a crypto wallet address?",
      "My crypto wallet transfer in bitcoin has not arrived yet",
      "Do you accept bitcoin payments from a crypto wallet?",
      "Which crypto wallet apps work with your bitcoin payments?",
      "I sent bitcoin to the wrong crypto wallet, can you help?",
      "Why does my crypto wallet say the bitcoin payment failed?",
      "Can I top up my balance from a crypto wallet with bitcoin?",
      "How long does a bitcoin withdrawal to my crypto wallet take?",
    ],
  },
  pets: {
    reply: "Send the vet invoice to claims; pet insurance claims are paid within 5 days.",
    asks: [
      "How do I file a pet insurance claim for my dog's vet visit?",
      "Does my pet insurance cover the vet bill for my cat?",
      "My pet insurance claim for the vet was rejected, why?",
      "Where do I send the vet invoice for a pet insurance claim?",
      "Is my puppy covered by the pet insurance after the vet check?",
      "How long does a pet insurance claim take after the vet visit?",
      "Can I add a second dog to my pet insurance before the vet appointment?",
      "Which vet clinics accept your pet insurance directly?",
    ],
  },
  solar: {
    reply: "Our installer calls you 48 hours before the solar panel installation.",
    asks: [
      "When will the technician install my solar panels on the roof?",
      "Can I reschedule the solar panel installation on my roof?",
      "The solar panels installer did not show up at my roof today",
      "How many solar panels fit on my roof for the installation?",
      "Do I need a permit for solar panels installation on the roof?",
      "Is the solar panel installation on a flat roof possible?",
      "Who pays for roof repairs after the solar panels installation?",
      "What time does the solar panel installation crew arrive at the roof?",
    ],
  },
} as const;

const DAY = 86_400_000;

/** Conversations (customer question + agent reply) spread over the last 30 days. */
type Planted = {
  externalId: string;
  customer: { name: string };
  messages: { externalId: string; role: "customer" | "agent"; text: string; createdAt: string }[];
};

function plantedConversations(run: string): Planted[] {
  const conversations: Planted[] = [];
  for (const [topic, { reply, asks }] of Object.entries(TOPICS)) {
    asks.forEach((text, i) => {
      // wallet: 2 of 10 in days 20–25 ago (earlier half), 8 in the last 9 days (later half).
      const daysAgo = topic === "wallet" ? (i < 2 ? 22 + i : 1 + i) : 2 + ((i * 3) % 26);
      const at = new Date(Date.now() - daysAgo * DAY - 3_600_000);
      conversations.push({
        externalId: `insights-${run}-${topic}-${i}`,
        customer: { name: `Insights ${topic} ${i}` },
        messages: [
          { externalId: "1", role: "customer", text, createdAt: at.toISOString() },
          {
            externalId: "2",
            role: "agent",
            text: reply,
            createdAt: new Date(at.getTime() + 600_000).toISOString(),
          },
        ],
      });
    });
  }
  return conversations;
}

async function downloadText(page: Page, button: string): Promise<{ name: string; body: string }> {
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: button }).first().click();
  const file = await download;
  return {
    name: file.suggestedFilename(),
    body: await readFile((await file.path()) ?? "", "utf8"),
  };
}

test("an admin analyses the inbox, acts on knowledge gaps, reads topics and recommendations, exports; an agent only reads", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(300_000);
  const run = Date.now().toString(36);
  // The help desk pushes the conversations with the typed client and a write key.
  const parley = await apiClient(page, baseURL ?? "", "Insights e2e");
  const conversations = plantedConversations(run);
  const pushed = await parley.inbox.ingest.mutate({ source: "e2e-insights", conversations });
  expect(pushed.stored).toBe(conversations.reduce((n, c) => n + c.messages.length, 0));

  // Run the analysis from the overview and follow its progress to the end.
  await page.goto("/w/acme/insights");
  await expect(
    page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Insights" }),
  ).toHaveAttribute("aria-current", "page");
  // Pages below are opened on this run (?run=): another run (the nightly one, or the inbox run
  // a deploy starts) may finish later and become "the latest" while this test reads.
  const started = page.waitForResponse((r) => r.url().includes("/api/trpc/analysis.start"));
  await page.getByRole("button", { name: "Run analysis" }).click();
  const startBody = (await (await started).json()) as [
    { result: { data: { json: { runId: string } } } },
  ];
  const thisRun = `?run=${startBody[0].result.data.json.runId}`;
  expect(thisRun).toMatch(/^\?run=[0-9a-f-]{36}$/);
  await expect(page.getByRole("progressbar", { name: "Analysis progress" })).toBeVisible();
  await expect(page.getByTestId("analysis-job-state")).toHaveText(/^Done/, { timeout: 180_000 });
  await expect(page.getByTestId("shown-run")).toContainText("Inbox");
  await expect(page.locator('[data-kpi="Messages analysed"]')).not.toHaveText("0");
  await expect(page.getByRole("heading", { name: "Biggest open knowledge gaps" })).toBeVisible();
  const allOpen = page.getByRole("link", { name: /^All \d+ open gaps$/ });
  const openGaps = Number((await allOpen.textContent())?.match(/\d+/)?.[0]);
  await expect(page.getByTestId("run-row").first()).toContainText("done");

  // The three planted topics come back as gaps.
  await page
    .getByRole("navigation", { name: "Insights sections" })
    .getByRole("link", { name: "Knowledge gaps" })
    .click();
  const rows = page.getByTestId("gap-row");
  const walletGap = rows.filter({ hasText: /wallet|bitcoin|crypto/i }).first();
  const petsGap = rows.filter({ hasText: /pet insurance|vet|insurance/i }).first();
  await expect(walletGap).toBeVisible();
  await expect(petsGap).toBeVisible();
  await expect(rows.filter({ hasText: /solar|roof|installation/i }).first()).toBeVisible();
  // One page holds them all, and the count says so (the overview's link gave the same total).
  await expect(page.getByTestId("gaps-count")).toHaveText(`${openGaps} of ${openGaps} gaps`);
  await expect(rows).toHaveCount(openGaps);
  await expect(page.getByRole("button", { name: "Show more gaps" })).toHaveCount(0);

  // Exports of the gaps: JSON and CSV carry the same gaps.
  const json = await downloadText(page, "Export JSON");
  expect(json.name).toMatch(/\.json$/);
  expect(JSON.stringify(JSON.parse(json.body))).toMatch(/wallet|bitcoin|crypto/i);
  const csv = await downloadText(page, "Export CSV");
  expect(csv.name).toMatch(/\.csv$/);
  expect(csv.body.split("\n")[0]).toMatch(/severity/i);
  expect(csv.body).toMatch(/wallet|bitcoin|crypto/i);

  // Dismiss the pet insurance gap with a reason.
  await petsGap.getByRole("link").first().click();
  await page.waitForURL(/\/w\/acme\/insights\/gaps\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("gap-status")).toHaveText("open");
  await page.getByRole("button", { name: "Dismiss", exact: true }).click();
  await page
    .getByRole("dialog")
    .getByLabel("Reason (optional)")
    .fill("We do not sell pet insurance");
  await page.getByRole("dialog").getByRole("button", { name: "Dismiss gap" }).click();
  await expect(page.getByTestId("gap-status")).toHaveText("dismissed");

  // Open the wallet gap: its evidence, a template draft from the agents' replies, then resolve.
  await page.goto(`/w/acme/insights/gaps${thisRun}`);
  await walletGap.getByRole("link").first().click();
  await page.waitForURL(/\/w\/acme\/insights\/gaps\/[0-9a-f-]{36}$/);
  const gapUrl = page.url();
  const backToRun = await page
    .getByRole("link", { name: "← All gaps of this run" })
    .getAttribute("href");
  const inboxRun = new URL(backToRun ?? "", page.url()).searchParams.get("run");
  expect(inboxRun).toMatch(/^[0-9a-f-]{36}$/);
  await expect(page.getByTestId("gap-example").first()).toContainText(/wallet|bitcoin/i);
  const messages = page.getByTestId("gap-message");
  await expect(messages.first()).toContainText(TOPICS.wallet.reply);
  expect(await messages.count()).toBeGreaterThanOrEqual(4);
  await page.getByRole("button", { name: "Create template draft" }).click();
  const draftLink = page.getByRole("link", { name: "Open the draft" });
  await expect(draftLink).toHaveAttribute("href", /\/w\/acme\/templates\/[0-9a-f-]{36}$/);
  const draftHref = (await draftLink.getAttribute("href")) ?? "";
  await page.getByRole("button", { name: "Resolve", exact: true }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("combobox")).toHaveValue(draftHref.split("/").pop() ?? "");
  await dialog.getByRole("button", { name: "Resolve with this template" }).click();
  await expect(page.getByText(/Resolved: \d+ messages? added as training examples/)).toBeVisible();
  await expect(page.getByTestId("gap-status")).toHaveText("resolved");

  // The draft opens in the template editor, holding an agent's reply.
  await page.goto(draftHref);
  await expect(page.getByText(/draft/i).first()).toBeVisible();

  // The status filter: the resolved and the dismissed gap left the open list.
  await page.goto(`/w/acme/insights/gaps${thisRun}`);
  await expect(rows.filter({ hasText: /wallet|bitcoin|crypto/i })).toHaveCount(0);
  await page.getByLabel("Status").selectOption("resolved");
  await expect(rows.filter({ hasText: /wallet|bitcoin|crypto/i }).first()).toContainText(
    "resolved",
  );

  // Topics: a chart over time, the planted growing topic flagged, answered or not.
  await page.goto(`/w/acme/insights/patterns${thisRun}`);
  await expect(page.getByRole("figure", { name: "Messages per topic over time" })).toBeVisible();
  const walletTopic = page.getByTestId("topic-row").filter({ hasText: /wallet|bitcoin|crypto/i });
  await expect(walletTopic.first()).toContainText("growing");
  await expect(walletTopic.first()).toContainText(/answered/);
  const patternsJson = await downloadText(page, "Export JSON");
  expect(JSON.parse(patternsJson.body)).toBeTruthy();

  // Recommendations: ranked, impact with its basis, labelled by who wrote them.
  await page.goto(`/w/acme/insights/recommendations${thisRun}`);
  const insight = page.getByTestId("insight").first();
  await expect(insight).toBeVisible();
  await expect(insight).toContainText(/AI-written|Computed from your data/);
  await expect(insight.getByTestId("insight-impact")).toHaveText(/^\d+(\.\d)?\/100$/);
  await insight.getByText("Why this score").click();
  await expect(insight.getByTestId("insight-basis")).toBeVisible();
  const insightsCsv = await downloadText(page, "Export CSV");
  expect(insightsCsv.body.split("\n")[0]).toMatch(/impact/i);
  // A recommendation about a gap already acted on says so.
  await expect(page.getByTestId("insight-gap-status").first()).toHaveText(
    /^gap (resolved|dismissed)$/,
  );
  // From a recommendation straight to its evidence.
  await page.getByRole("link", { name: "Open the gap and its messages →" }).first().click();
  await expect(page.getByTestId("gap-title")).toBeVisible();
  await expect(page.getByTestId("gap-message").first()).toBeVisible();

  // A dataset is a source too: the demo's labelled dataset, picked by name.
  await page.goto("/w/acme/insights");
  await page.getByRole("combobox", { name: "Source" }).selectOption("dataset");
  const labelled = await page
    .locator("option", { hasText: "Bitext customer support (demo)" })
    .getAttribute("value");
  await page.getByRole("combobox", { name: "Dataset" }).selectOption(labelled ?? "");
  const datasetStarted = page.waitForResponse((r) => r.url().includes("/api/trpc/analysis.start"));
  await page.getByRole("button", { name: "Run analysis" }).click();
  const datasetBody = (await (await datasetStarted).json()) as [
    { result: { data: { json: { runId: string } } } },
  ];
  const datasetRun = datasetBody[0].result.data.json.runId;
  await expect(page.getByTestId("analysis-job-state")).toHaveText(/^Done/, { timeout: 180_000 });
  await expect(page.getByTestId("shown-run")).toContainText(
    "Dataset “Bitext customer support (demo)”",
  );
  // The deployed model learned from this dataset: the accuracy score says it is in-sample.
  await expect(page.getByTestId("training-overlap")).toContainText(
    /of the [\d,]+ compared messages were in the training data of model v\d+ \([\d,]+ examples\)/,
  );
  await expect(page.getByTestId("run-row")).not.toHaveCount(1);

  // An agent, in a browser of their own, reads everything and can change nothing.
  const { context: agentContext, page: agent } = await signedInContext(
    browser,
    baseURL ?? "",
    DEMO_AGENT,
  );
  try {
    await agent.goto("/w/acme/insights");
    await expect(agent.getByTestId("shown-run")).toBeVisible();
    await expect(agent.getByRole("button", { name: "Run analysis" })).toHaveCount(0);
    await agent.goto(gapUrl);
    await expect(agent.getByTestId("gap-status")).toHaveText("resolved");
    await expect(agent.getByText("Admins can draft a template from this gap")).toBeVisible();
    await expect(agent.getByRole("button", { name: "Create template draft" })).toHaveCount(0);
    // The dataset's rows have no dates: its topics come largest first, with sizes, no chart.
    await agent.goto(`/w/acme/insights/patterns?run=${datasetRun}`);
    const sizes = agent.getByTestId("topic-size");
    await expect(sizes.first()).toBeVisible();
    const counts = (await sizes.allTextContents()).map(Number);
    expect(counts.every((n) => n >= 3)).toBe(true);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    await expect(agent.getByText(/messages have no dates/)).toBeVisible();
    await expect(agent.getByRole("figure", { name: "Messages per topic over time" })).toHaveCount(
      0,
    );
    await expect(agent.getByRole("columnheader", { name: "Later half" })).toHaveCount(0);
    // 100+ topics: the first 50, then more on request; each with its example messages.
    const topicRows = agent.getByTestId("topic-row");
    const total = Number(
      (await agent.getByTestId("topics-count").textContent())?.match(/^\d+/)?.[0],
    );
    expect(total).toBeGreaterThan(50);
    await expect(topicRows).toHaveCount(50);
    await agent.getByRole("button", { name: `Show more topics (${total - 50} more)` }).click();
    await expect(topicRows).toHaveCount(Math.min(total, 100));
    await topicRows
      .first()
      .getByText(/^\d+ examples?$/)
      .click();
    await expect(topicRows.first().getByTestId("topic-example").first()).toBeVisible();
    // A word of the largest topic's key phrases narrows the list; nonsense empties it.
    const firstPhrase = (await topicRows.first().locator("p").first().textContent()) ?? "";
    const word = firstPhrase.split(/[,\s]+/).find((w) => w.length >= 4) ?? "";
    expect(word).not.toBe("");
    await agent.getByRole("searchbox", { name: "Filter topics" }).fill(word);
    await expect(agent.getByTestId("topics-count")).toHaveText(
      new RegExp(`^\\d+ of ${total} topics$`),
    );
    const matched = Number(
      (await agent.getByTestId("topics-count").textContent())?.match(/^\d+/)?.[0],
    );
    await expect(topicRows).toHaveCount(Math.min(matched, 50));
    await agent.getByRole("searchbox", { name: "Filter topics" }).fill("zzzz-no-such-topic");
    await expect(agent.getByText("No topic matches this filter.")).toBeVisible();
    await agent.getByRole("searchbox", { name: "Filter topics" }).fill("");
    await agent.getByRole("combobox", { name: "Answered" }).selectOption("unanswered");
    await expect(agent.getByTestId("topics-count")).toHaveText(/^\d+ of \d+ topics$/);
    const unanswered = Number(
      (await agent.getByTestId("topics-count").textContent())?.match(/^(\d+) of /)?.[1],
    );
    expect(unanswered).toBeLessThan(total);
    await expect(topicRows).toHaveCount(Math.min(unanswered, 50));
    for (const badge of await topicRows.getByText(/answered$/).allTextContents())
      expect(badge).toBe("not answered");
    // The two filters split the topics between them.
    await agent.getByRole("combobox", { name: "Answered" }).selectOption("answered");
    await expect(agent.getByTestId("topics-count")).toHaveText(
      unanswered === 0 ? `${total} topics` : `${total - unanswered} of ${total} topics`,
    );
    for (const badge of await topicRows.getByText(/answered$/).allTextContents())
      expect(badge).toBe("answered");
    // The inbox run's topics are dated, one link away.
    await agent.goto(`/w/acme/insights?run=${inboxRun}`);
    await agent
      .getByRole("navigation", { name: "Insights sections" })
      .getByRole("link", { name: "Topics" })
      .click();
    await expect(agent).toHaveURL(new RegExp(`/insights/patterns\\?run=${inboxRun}$`));
    await expect(agent.getByTestId("topic-row").first()).toBeVisible();
    // The server refuses an agent's attempt too.
    const refused = await agent.request.post("/api/trpc/analysis.start", {
      headers: { "content-type": "application/json", "x-parley-workspace": "acme" },
      data: { json: { source: "inbox" } },
    });
    expect(refused.status()).toBe(403);
  } finally {
    await agentContext.close();
  }
});
