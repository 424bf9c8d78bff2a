import { expect, type Page, test } from "@playwright/test";
import { OWNER_STATE } from "./fixtures/accounts";

test.use({ storageState: OWNER_STATE });

/** Pushes one conversation with one customer message into the demo inbox, as a help desk would. */
async function pushConversation(
  page: Page,
  source: string,
  customer: string,
  text: string,
  options: { withName: boolean } = { withName: true },
) {
  const response = await page.request.post("/api/trpc/inbox.ingest", {
    headers: { "content-type": "application/json", "x-parley-workspace": "acme" },
    data: {
      json: {
        source,
        conversations: [
          {
            externalId: `${source}-${customer}`,
            customer: options.withName ? { name: customer } : {},
            messages: [{ externalId: "1", role: "customer", text }],
          },
        ],
      },
    },
  });
  expect(response.status()).toBe(200);
}

/**
 * Issue #13, point 4 without a provider (the e2e server names none, and the demo workspace sets
 * none): the sidebar shows the closest answers of the demo FAQ (db/demo/faq.json), says plainly
 * that no AI provider is configured, and inserting an answer only fills the editable composer.
 */
test("with no AI provider, the sidebar offers the closest FAQ answers and inserts one into the reply", async ({
  page,
}) => {
  const run = Date.now().toString(36);
  const customer = `Faq ${run}`;
  await pushConversation(
    page,
    "e2e-faq",
    customer,
    "How do I reset my password? I forgot it and cannot sign in.",
  );

  await page.goto("/w/acme/inbox");
  await page.getByTestId("conversation-item").filter({ hasText: customer }).click();
  await expect(page.getByTestId("thread-title")).toHaveText(customer);
  const panel = page.getByTestId("draft-panel");
  // Asked by itself when no suggestion is confident; otherwise on demand.
  const ask = panel.getByRole("button", { name: "Draft a reply from the FAQ" });
  const heading = panel.getByRole("heading", { name: "Closest FAQ answers" });
  await expect(ask.or(heading)).toBeVisible({ timeout: 20_000 });
  if (await ask.isVisible()) await ask.click();
  await expect(heading).toBeVisible();
  await expect(panel).toContainText("No AI provider is configured");
  await expect(panel.getByRole("link", { name: "Settings → AI" })).toHaveAttribute(
    "href",
    "/w/acme/settings/ai",
  );
  const first = panel.getByTestId("source").first();
  await expect(first).toContainText("How do I reset my password?");
  await expect(first).toContainText("Help centre FAQ (demo)");
  await panel.getByRole("button", { name: "Insert answer 1 into reply" }).click();
  const composer = page.getByLabel("Reply", { exact: true });
  await expect(composer).toBeFocused();
  await expect(composer).toHaveValue(/Profile|Account Settings|reset/i);
  // Nothing was sent: the thread still holds only the customer's message.
  await expect(page.getByTestId("thread").locator('[data-role="agent"]')).toHaveCount(0);
});

/**
 * A message in words the demo model was never trained on: the sidebar says why nothing is
 * confident (the API's noConfidentReason), above the weak candidates.
 */
test("for a message in unfamiliar words, the sidebar says the words never appeared in training", async ({
  page,
}) => {
  const run = Date.now().toString(36);
  const customer = `Unfamiliar ${run}`;
  await pushConversation(
    page,
    "e2e-unfamiliar",
    customer,
    "Recommend a vegetarian lasagne recipe with mozzarella and basil",
  );

  await page.goto("/w/acme/inbox");
  await page.getByTestId("conversation-item").filter({ hasText: customer }).click();
  await expect(page.getByTestId("thread-title")).toHaveText(customer);
  await expect(page.getByTestId("no-confident-note")).toHaveText(
    /never appeared in the training data/,
    { timeout: 20_000 },
  );
  // It names them: what the training data lacks (Bitext's support messages know no lasagne).
  await expect(page.getByTestId("no-confident-note")).toContainText("lasagne");
  await expect(page.getByTestId("suggestion").first()).toBeVisible();
});

/**
 * A help desk that sends no customer attributes: the panel shows the name and order number the
 * customer wrote (the values the suggestions greet and fill with), marked as read from the
 * messages, instead of dashes beside a greeting that names them. The message is longer than the
 * list's preview, so the list's name comes from the whole message (read at ingest).
 */
test("without stored attributes, the inbox names the customer and shows the order they wrote", async ({
  page,
}) => {
  const run = Date.now().toString(36);
  const order = `A${String(Date.now()).slice(-6)}`;
  await pushConversation(
    page,
    "e2e-anon",
    run,
    `Hi, where is my order #${order}? I ordered last week. ${"The tracking page has shown the same status for four days now. ".repeat(4)}Thanks, Maria`,
    { withName: false },
  );

  await page.goto("/w/acme/inbox");
  const item = page.getByTestId("conversation-item").filter({ hasText: order });
  // Named by the sign-off, in the list and the thread, which also gives the help desk's id.
  await expect(item.getByTestId("conversation-name")).toHaveText("Maria");
  await item.click();
  await expect(page.getByTestId("thread-title")).toHaveText("Maria");
  await expect(page.getByText(`from the messages · e2e-anon-${run}`)).toBeVisible();
  const panel = page.getByTestId("customer-panel");
  const written = panel.locator("[data-from-messages]");
  await expect(written).toHaveText(
    [/^Maria\s*\(from messages\)$/, new RegExp(`^${order}\\s*\\(from messages\\)$`)],
    { timeout: 20_000 },
  );
  await expect(page.getByTestId("suggestion").first()).toContainText("Maria");
});

test("Settings → Inbox shows the webhook URL and rotates the secret, shown once", async ({
  page,
}) => {
  await page.goto("/w/acme/settings");
  await page
    .getByRole("navigation", { name: "Settings" })
    .getByRole("link", { name: "Inbox" })
    .click();
  await expect(page).toHaveURL(/\/w\/acme\/settings\/inbox$/);
  await expect(page.getByText(/\/api\/inbox\/webhook$/)).toBeVisible();
  await page.getByRole("button", { name: /^(Rotate|Create) secret$/ }).click();
  await expect(page.getByTestId("new-secret")).toHaveText(/^whsec_/);
  await expect(page.getByTestId("secret-status")).toContainText("Signing secret set");
  await page.reload();
  await expect(page.getByTestId("new-secret")).toHaveCount(0);
});
