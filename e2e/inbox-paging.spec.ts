import { expect, test } from "@playwright/test";
import { uniqueEmail } from "./fixtures/accounts";
import { holdEventStream } from "./fixtures/event-stream";
import { SignUpPage } from "./pages/sign-up-page";

/**
 * An inbox with more open conversations than one page (100): the Open tab says how many there
 * are, and "Load older conversations" brings the rest — also when the live stream opens while
 * that page is on its way (its opening refetches the list, which used to cancel the page and
 * drop the click).
 */
test("an inbox past one page counts its tabs and loads older conversations", async ({ page }) => {
  test.setTimeout(120_000);
  const run = Date.now().toString(36);
  const signUp = new SignUpPage(page);
  await signUp.goto();
  await signUp.submit({
    name: "Paula Pager",
    email: uniqueEmail("pager"),
    password: "pager-password-1",
    workspaceName: `Pages ${run}`,
  });
  await expect(page).toHaveURL(/\/w\/pages-[a-z0-9-]+$/);
  const slug = new URL(page.url()).pathname.split("/")[2] ?? "";

  const response = await page.request.post("/api/trpc/inbox.ingest", {
    headers: { "content-type": "application/json", "x-parley-workspace": slug },
    data: {
      json: {
        source: "e2e",
        conversations: Array.from({ length: 101 }, (_, i) => ({
          externalId: `page-${i}`,
          customer: { name: `Pager ${String(i).padStart(3, "0")}` },
          messages: [{ externalId: "1", role: "customer", text: `Question number ${i}` }],
        })),
      },
    },
  });
  expect(response.status(), await response.text()).toBe(200);

  // The event stream is held until the second page has been asked for; that page's answer is
  // held a moment longer, so the stream opens (and refetches the list) while it is on its way.
  const releaseStream = await holdEventStream(page);
  let secondPageAsked = false;
  await page.route("**/api/trpc/inbox.list**", async (route) => {
    if (!/"cursor":"[^"]/.test(decodeURIComponent(route.request().url()))) {
      await route.continue();
      return;
    }
    secondPageAsked = true;
    releaseStream();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    // A cancelled request can no longer be continued.
    await route.continue().catch(() => undefined);
  });

  await page.goto(`/w/${slug}/inbox`);
  await expect(page.getByRole("tab", { name: /^Open/ })).toHaveText("Open 101");
  await expect(page.getByRole("tab", { name: /^Resolved/ })).toHaveText("Resolved 0");
  const items = page.getByTestId("conversation-item");
  await expect(items).toHaveCount(100);
  await expect(page.getByTestId("inbox-live")).not.toHaveText("Live");
  await page.getByRole("button", { name: "Load older conversations" }).click();
  await expect(page.getByTestId("inbox-live")).toHaveText("Live");
  expect(secondPageAsked).toBe(true);
  await expect(items).toHaveCount(101);
  await expect(page.getByRole("button", { name: "Load older conversations" })).toHaveCount(0);
  // Every pushed conversation is listed once.
  const names = await items.locator("span.font-medium").allTextContents();
  expect(new Set(names).size).toBe(101);
});
