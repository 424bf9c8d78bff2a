import { expect, test } from "@playwright/test";
import { OWNER_STATE } from "./fixtures/accounts";
import { TemplateEditorPage } from "./pages/template-editor-page";

test.use({ storageState: OWNER_STATE });

/**
 * Issue 4's story: a template with three typed variables and two triggers; the live preview
 * fills in and flags a bad date; save; edit (version 2); restore version 1 (saved as version 3);
 * then find it in the library by a misspelled name.
 */
test("write, preview, version and find a reply template", async ({ page }) => {
  const suffix = Date.now().toString(36);
  const name = `Shipment delayed ${suffix}`;
  const first =
    "Hi {customer_name}, order total {order_total}. New delivery date: {delivery_date}.";

  await page.goto("/w/acme/templates");
  await page
    .getByRole("link", { name: "New template" })
    .or(page.getByRole("button", { name: "New template" }))
    .first()
    .click();
  await expect(page).toHaveURL(/\/templates\/new$/);

  const editor = new TemplateEditorPage(page);
  await editor.fillDetails(name, "Shipping", first);
  await editor.addVariable(1, "customer_name", "text");
  await editor.addVariable(2, "order_total", "currency");
  await editor.addVariable(3, "delivery_date", "date");
  await editor.addTrigger(1, "keyword", "delayed");
  await editor.addTrigger(2, "phrase", "package is late");

  // The preview renders with the workspace's locale and currency (Acme: en-US, USD)…
  await editor.sample("customer_name", "Ada");
  await editor.sample("order_total", "49.9");
  await editor.sample("delivery_date", "2024-02-30");
  await expect(editor.problems).toContainText(/delivery_date/);
  await expect(editor.problems).toContainText(/invalid/i);
  // …and a real date clears the problem.
  await editor.sample("delivery_date", "2024-03-01");
  await expect(editor.preview).toContainText(
    "Hi Ada, order total $49.90. New delivery date: March 1, 2024.",
  );
  await expect(editor.problems).not.toContainText(/invalid/i);

  await editor.save(1);
  await expect(page).toHaveURL(/\/templates\/[0-9a-f-]{36}$/);
  const editorUrl = page.url();

  // Edit: version 2.
  await editor.content.fill(`${first} Sorry for the wait!`);
  await editor.save(2);

  // Restore version 1 from the history: it comes back as version 3 with version 1's text.
  await page.getByRole("link", { name: "History" }).click();
  await page.getByRole("button", { name: /Version 1\b/ }).click();
  await page.getByRole("button", { name: "Restore this version" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Restore", exact: true }).click();
  await expect(page).toHaveURL(editorUrl);
  await expect(page.getByText("Version 3", { exact: true })).toBeVisible();
  await expect(editor.content).toHaveValue(first);

  // Found in the library by a misspelled name.
  await page.goto("/w/acme/templates");
  await page.getByLabel("Search templates").fill(`shipmnet delaeyd ${suffix}`);
  await expect(
    page
      .getByRole("link", { name: new RegExp(name) })
      .or(page.getByText(name))
      .first(),
  ).toBeVisible();
});
