// Runs after inbox.spec on purpose (files run in name order, one worker): it fills the demo
// inbox with conversations that have no order attributes and identical texts, which would
// change what inbox.spec finds first and dedupe its training count.
import { expect, type Page, test } from "@playwright/test";
import { assignVariant } from "@/server/abtests/assignment";
import { DEMO_AGENT, OWNER_STATE } from "./fixtures/accounts";
import { apiClient, mutate, signedInContext } from "./fixtures/trpc";

test.use({ storageState: OWNER_STATE });

type Variant = { id: string; label: string; content: string; weight: number };

/** The agent inserts the template through "/" search and sends it: the composer shows `text`. */
async function replyWithTemplate(page: Page, customer: string, templateName: string, text: string) {
  const item = page.getByTestId("conversation-item").filter({ hasText: customer });
  await expect(item).toBeVisible();
  await item.click();
  await expect(page.getByTestId("thread-title")).toHaveText(customer);
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("/");
  await expect(page.getByLabel("Search templates")).toBeFocused();
  await page.keyboard.type(templateName);
  const found = page.getByRole("list", { name: "Templates found" });
  await expect(found.getByRole("button", { name: templateName, exact: true })).toBeVisible();
  await page.keyboard.press("Enter");
  const composer = page.getByLabel("Reply", { exact: true });
  // The conversation's own variant, not the template's control text.
  await expect(composer).toHaveValue(text);
  await page.keyboard.press("Control+Enter");
  await expect(page.getByTestId("thread").locator('[data-role="agent"]')).toContainText(text);
  await expect(composer).toHaveValue("");
}

/**
 * Issue #14 in the browser: an admin creates an A/B test on a template (the power analysis sizes
 * it), the agent answers conversations of both arms from the inbox and sees each one's variant,
 * outcomes are seeded through the API, the verdict stays hidden until every arm has the planned
 * sample, then the winner is promoted to the template's next version.
 */
test("create an A/B test, reply with both variants, verdict after the planned sample, promote the winner", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const run = Date.now().toString(36);
  const name = `Refund update ${run}`;
  const control = `Sorry for the wait: refund ${run} is being processed.`;
  const friendly = `Good news: refund ${run} is already on its way back to you!`;
  const template = await mutate<{ id: string; currentVersion: number }>(page, "templates.create", {
    name,
    category: "Billing",
    content: control,
    status: "active",
  });

  // Create the test in the UI: a 60-point effect on a 30% base rate needs only tens per arm.
  await page.goto(`/w/acme/templates/${template.id}`);
  await page.getByRole("link", { name: "A/B tests" }).click();
  await expect(page).toHaveURL(new RegExp(`/templates/${template.id}/ab-tests$`));
  await expect(page.getByText("No A/B tests yet.")).toBeVisible();
  await page.getByLabel("Name", { exact: true }).fill(`Warmer ${run}`);
  await page.getByLabel("Primary metric").selectOption("resolution_rate");
  await page.getByLabel("Base rate").fill("0.3");
  const plan = page.getByTestId("ab-plan");
  // A 10-point effect would need hundreds per arm; 60 points, tens.
  await page.getByLabel(/^Minimum detectable effect/).fill("0.1");
  await expect(plan).toHaveText(/^Planned sample: \d{3} conversations per variant/);
  await page.getByLabel(/^Minimum detectable effect/).fill("0.6");
  await expect(plan).toHaveText(/^Planned sample: \d+ conversations per variant \(α 0\.05/);
  const planned = Number((await plan.textContent())?.match(/Planned sample: (\d+)/)?.[1]);
  expect(planned).toBeGreaterThanOrEqual(5);
  expect(planned).toBeLessThanOrEqual(30);
  test.info().annotations.push({ type: "planned per variant", description: String(planned) });
  await page.getByLabel(/^Variant B body/).fill(friendly);
  await page.getByRole("button", { name: "Create test" }).click();
  const card = page.getByRole("region", { name: `A/B test Warmer ${run}` });
  await expect(card).toContainText(`Warmer ${run} · draft`);
  await expect(card).toContainText(
    `Metric Resolution rate · MDE 0.6 · planned ${planned} per variant`,
  );
  await card.getByRole("button", { name: "Start" }).click();
  await expect(card).toContainText(`Warmer ${run} · running`);

  // The help desk's side: a typed client with a write key.
  const parley = await apiClient(page, baseURL ?? "", `AB ${run}`);
  const [listed] = await parley.abTests.list.query({ templateId: template.id });
  if (!listed) throw new Error("the test is not listed");
  expect(listed.templateName).toBe(name);
  const testId = listed.id;
  const { variants } = (await parley.abTests.get.query({ id: testId })) as { variants: Variant[] };
  const [controlArm, friendlyArm] = variants;
  if (!controlArm || !friendlyArm) throw new Error("the test has no two variants");
  expect([controlArm.content, friendlyArm.content]).toEqual([control, friendly]);
  const arms = new Map<string, { id: string; customer: string }[]>([
    [controlArm.id, []],
    [friendlyArm.id, []],
  ]);
  for (let batch = 0; [...arms.values()].some((a) => a.length < planned); batch++) {
    expect(batch, "pushed conversations never filled both arms").toBeLessThan(5);
    const size = 2 * planned + 10;
    await parley.inbox.ingest.mutate({
      source: "e2e-ab",
      conversations: Array.from({ length: size }, (_, i) => ({
        externalId: `ab-${run}-${batch}-${String(i).padStart(3, "0")}`,
        customer: { name: `AB ${run} ${batch}-${String(i).padStart(3, "0")}` },
        messages: [{ externalId: "1", role: "customer" as const, text: "Where is my refund?" }],
      })),
    });
    const pushed = (await parley.inbox.list.query({ filter: "all", limit: 200 })).filter((c) =>
      c.externalId.startsWith(`ab-${run}-${batch}-`),
    );
    expect(pushed).toHaveLength(size);
    for (const c of pushed) {
      const arm = arms.get(assignVariant(testId, c.id, variants).id);
      arm?.push({ id: c.id, customer: `AB ${run} ${c.externalId.slice(`ab-${run}-`.length)}` });
    }
  }
  const controlConvs = (arms.get(controlArm.id) ?? []).slice(0, planned);
  const friendlyConvs = (arms.get(friendlyArm.id) ?? []).slice(0, planned);

  // The agent, in a context of their own, answers one conversation of each arm from the inbox.
  const agent = await signedInContext(browser, baseURL ?? "", DEMO_AGENT);
  try {
    await agent.page.goto("/w/acme/inbox");
    await expect(agent.page.getByTestId("inbox-live")).toHaveText("Live");
    const firstControl = controlConvs[0];
    const firstFriendly = friendlyConvs[0];
    if (!firstControl || !firstFriendly) throw new Error("an arm is empty");
    await replyWithTemplate(agent.page, firstControl.customer, name, control);
    await replyWithTemplate(agent.page, firstFriendly.customer, name, friendly);
  } finally {
    await agent.context.close();
  }

  // The rest of the replies and the outcomes go through the API: the friendly variant resolves
  // every conversation (CSAT 5), the control one in five (CSAT 2).
  const answer = async (conversationId: string, text: string, resolve: boolean) => {
    await parley.inbox.send.mutate({
      conversationId,
      text,
      templateId: template.id,
      renderedText: text,
    });
    if (resolve)
      await parley.inbox.setStatus.mutate({
        conversationId,
        status: "resolved",
        csat: text === friendly ? 5 : 2,
      });
  };
  const outcome = async (conversationId: string, resolve: boolean, csat: number) => {
    if (resolve) await parley.inbox.setStatus.mutate({ conversationId, status: "resolved", csat });
  };
  await outcome(controlConvs[0]?.id ?? "", true, 2);
  await outcome(friendlyConvs[0]?.id ?? "", true, 5);
  for (let i = 1; i < planned - 1; i++) {
    await answer(controlConvs[i]?.id ?? "", control, i % 5 === 0);
    await answer(friendlyConvs[i]?.id ?? "", friendly, true);
  }

  // One short of the horizon in each arm: no verdict, nothing to promote.
  await page.reload();
  await expect(card).toContainText(`Collecting: ${planned - 1}/${planned} per variant`);
  await expect(card.getByTestId("ab-verdict")).not.toContainText("Verdict");
  await expect(card.getByRole("button", { name: "Promote winner" })).toHaveCount(0);
  const early = await parley.abTests.results.query({ id: testId });
  expect(early.state).toBe("collecting");
  expect(early.verdict).toBeNull();

  await answer(controlConvs[planned - 1]?.id ?? "", control, false);
  await answer(friendlyConvs[planned - 1]?.id ?? "", friendly, true);

  // The planned sample reached: the verdict appears, the friendly variant wins.
  await page.reload();
  const verdict = card.getByTestId("ab-verdict");
  await expect(verdict).toContainText("Verdict (two proportion z): p = ");
  await expect(verdict).toContainText("significant; winner: Variant B");
  await expect(card.getByRole("row", { name: /Variant B/ })).toContainText(`${planned}100.0%`);

  await card.getByRole("button", { name: "Promote winner" }).click();
  await expect(card).toContainText(`Warmer ${run} · completed`);
  await expect(card).toContainText(`promoted as v${template.currentVersion + 1}`);

  // The template's new version is the winning text.
  await page.goto(`/w/acme/templates/${template.id}`);
  await expect(
    page.getByText(`Version ${template.currentVersion + 1}`, { exact: true }),
  ).toBeVisible();
  await expect(page.getByLabel("Content", { exact: true })).toHaveValue(friendly);

  // Analytics lists every test of the workspace; the row leads back to the template's tests.
  await page.goto("/w/acme/analytics");
  await page
    .getByRole("navigation", { name: "Analytics sections" })
    .getByRole("link", { name: "A/B tests" })
    .click();
  await expect(page).toHaveURL(/\/w\/acme\/analytics\/ab-tests$/);
  const row = page.getByRole("row").filter({ hasText: `Warmer ${run}` });
  await expect(row).toContainText(name);
  await expect(row).toContainText("completed");
  await expect(row).toContainText("Resolution rate");
  await row.getByRole("link", { name: `Warmer ${run}` }).click();
  await expect(page).toHaveURL(new RegExp(`/templates/${template.id}/ab-tests$`));
});
