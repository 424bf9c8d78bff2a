import { expect, type Page, test } from "@playwright/test";
import { uniqueEmail } from "./fixtures/accounts";
import { SignUpPage } from "./pages/sign-up-page";

/**
 * Pickers of templates offer every template, not the first page of the list (100): in a new
 * workspace with 101 active templates, the one whose name sorts last is offered for a dataset
 * label and as a scenario's expected template.
 */
test("a workspace with more templates than one page offers all of them in its pickers", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const run = Date.now().toString(36);
  const signUp = new SignUpPage(page);
  await signUp.goto();
  await signUp.submit({
    name: "Petra Picker",
    email: uniqueEmail("picker"),
    password: "picker-password-1",
    workspaceName: `Pickers ${run}`,
  });
  await expect(page).toHaveURL(/\/w\/pickers-[a-z0-9-]+$/);
  const slug = new URL(page.url()).pathname.split("/")[2] ?? "";

  const names = [
    ...Array.from({ length: 100 }, (_, i) => `Picker ${String(i + 1).padStart(3, "0")}`),
    "ZZ last of the list",
  ];
  for (const name of names) await createTemplate(page, slug, name);

  // A labelled dataset: its label's template picker lists the 101st template.
  await page.goto(`/w/${slug}/training/datasets`);
  await page.getByLabel("Kind").selectOption("labelled");
  await page.getByLabel("Name").fill("Picker labels");
  await page.getByLabel("Dataset file").setInputFiles({
    name: "labels.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("text,label\nwhere is my parcel,shipping\nrefund me please,refunds\n"),
  });
  const parsed = page.getByRole("status").filter({ hasText: "is parsed" });
  await expect(parsed).toBeVisible({ timeout: 60_000 });
  await parsed.getByRole("link", { name: "Picker labels" }).click();
  const labelPicker = page.getByLabel("Template for shipping");
  await expect(labelPicker.locator("option", { hasText: "ZZ last of the list" })).toHaveCount(1);
  await expect(labelPicker.locator("option", { hasText: /^Picker \d{3}$/ })).toHaveCount(100);

  // The scenarios page's expected-template picker too.
  await page.goto(`/w/${slug}/training/scenarios`);
  const expected = page.getByLabel("Expected template");
  await expect(expected.locator("option", { hasText: "ZZ last of the list" })).toHaveCount(1);
  await expect(expected.locator("option")).toHaveCount(101);
});

async function createTemplate(page: Page, slug: string, name: string) {
  const response = await page.request.post("/api/trpc/templates.create", {
    headers: { "content-type": "application/json", "x-parley-workspace": slug },
    data: {
      json: {
        name,
        content: `Hello, this is ${name}.`,
        status: "active",
        tags: [],
        variables: [],
        triggers: [],
      },
    },
  });
  expect(response.status(), await response.text()).toBe(200);
}
