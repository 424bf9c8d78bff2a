import { expect, test } from "@playwright/test";
import { OWNER_STATE } from "./fixtures/accounts";

test.use({ storageState: OWNER_STATE, viewport: { width: 390, height: 844 } });

/**
 * The inbox on a phone: one pane at a time. The list first; a conversation opens full width with
 * its suggestions below the thread; "← Conversations" goes back to the list.
 */
test("inbox on a phone: list, then the conversation with its suggestions, then back", async ({
  page,
}) => {
  await page.goto("/w/acme/inbox");
  const list = page.getByRole("navigation", { name: "Conversations" });
  const conversation = page.getByRole("region", { name: "Conversation" });
  await expect(list).toBeVisible();
  await expect(conversation).toBeHidden();

  const item = page.getByTestId("conversation-item").first();
  const customer = (await item.locator("span.truncate").first().textContent())?.trim() ?? "";
  expect(customer).not.toBe("");
  await item.click();
  await expect(list).toBeHidden();
  await expect(conversation).toBeVisible();
  await expect(page.getByTestId("thread-title")).toHaveText(customer);
  // The thread fits the screen: nothing wider than the viewport.
  const box = await conversation.boundingBox();
  expect(box?.width ?? 0).toBeLessThanOrEqual(390);
  const suggestion = page.getByTestId("suggestion").first();
  await suggestion.scrollIntoViewIfNeeded();
  await expect(suggestion).toBeVisible();

  await page.getByRole("button", { name: "← Conversations" }).click();
  await expect(list).toBeVisible();
  await expect(conversation).toBeHidden();
});
