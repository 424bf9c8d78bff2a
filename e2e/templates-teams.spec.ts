import { readFile } from "node:fs/promises";
import { expect, type Page, test } from "@playwright/test";
import { DEMO_AGENT, OWNER_STATE } from "./fixtures/accounts";
import { SignInPage } from "./pages/sign-in-page";

test.use({ storageState: OWNER_STATE });

/** A Parley JSON file of simple templates with these names. */
function templatesFile(names: string[], content = "Hello {customer.first_name|there}!") {
  return JSON.stringify({
    format: "parley.templates",
    version: 1,
    templates: names.map((name) => ({
      name,
      category: "E2E",
      content,
      status: "active",
      tags: [],
      language: "en",
      variables: [],
      triggers: [],
    })),
  });
}

async function importFile(
  page: Page,
  content: string,
  mode: "skip" | "overwrite" | "copy",
  expectCheck: RegExp,
) {
  await page.goto("/w/acme/templates");
  await page.getByRole("button", { name: "Import", exact: true }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Or paste the file's contents").fill(content);
  await dialog.getByLabel("Templates whose name already exists").selectOption(mode);
  await dialog.getByRole("button", { name: "Check file" }).click();
  await expect(dialog.getByText(expectCheck)).toBeVisible();
  await dialog
    .getByRole("button", { name: /^Import/ })
    .last()
    .click();
  await expect(dialog.getByText("Import complete")).toBeVisible();
  const report = (await dialog.getByTestId("import-outcomes").textContent()) ?? "";
  await dialog.getByRole("button", { name: "Done" }).click();
  return report;
}

async function search(page: Page, query: string) {
  await page.goto(`/w/acme/templates?q=${encodeURIComponent(query)}`);
  return page.getByRole("list", { name: "Templates" });
}

test("export → re-import: 'skip' creates nothing, 'overwrite' saves new versions", async ({
  page,
}) => {
  const suffix = Date.now().toString(36);
  const names = [`Reimport alpha ${suffix}`, `Reimport beta ${suffix}`];
  await importFile(page, templatesFile(names), "skip", /2 templates will be created/);

  // Export exactly these two.
  const list = await search(page, suffix);
  await expect(list.getByRole("listitem")).toHaveCount(2);
  await page.getByRole("button", { name: "Export", exact: true }).click();
  await page
    .getByRole("dialog")
    .getByLabel(/The 2 templates shown now/)
    .check();
  const download = page.waitForEvent("download");
  await page.getByRole("dialog").getByRole("button", { name: "Download" }).click();
  const exported = await readFile((await (await download).path()) ?? "", "utf8");

  const skipped = await importFile(page, exported, "skip", /2 templates will be skipped/);
  expect(skipped).toContain("Skip");
  await expect((await search(page, suffix)).getByRole("listitem")).toHaveCount(2);

  const edited = JSON.parse(exported);
  edited.templates[0].content = "Changed by the re-import.";
  const report = await importFile(
    page,
    JSON.stringify(edited),
    "overwrite",
    /2 templates will be saved as a new version/,
  );
  expect(report).toContain("Overwrite");
  expect(report).toContain("Unchanged");
  await expect((await search(page, suffix)).getByRole("listitem")).toHaveCount(2);
  await page.getByRole("link", { name: new RegExp(edited.templates[0].name) }).click();
  await expect(page.getByText("Version 2", { exact: true })).toBeVisible();
  await expect(page.getByLabel("Content", { exact: true })).toHaveValue(
    "Changed by the re-import.",
  );
});

test("bulk-archive three templates, delete one and restore it from the trash", async ({ page }) => {
  const suffix = Date.now().toString(36);
  const names = ["one", "two", "three", "four"].map((n) => `Bulk ${n} ${suffix}`);
  await importFile(page, templatesFile(names), "skip", /4 templates will be created/);

  let list = await search(page, suffix);
  await expect(list.getByRole("listitem")).toHaveCount(4);
  // There is no bulk bar (no band, no empty landmark) until something is ticked.
  const bar = page.getByRole("region", { name: "Selected templates" });
  await expect(bar).toHaveCount(0);
  for (const name of names.slice(0, 3)) await page.getByLabel(`Select ${name}`).check();
  await expect(page.getByText("3 templates selected")).toBeVisible();
  await expect(bar).toBeVisible();
  expect((await bar.boundingBox())?.height ?? 0).toBeGreaterThan(0);
  await page.getByRole("button", { name: "Archive", exact: true }).click();
  const confirm = page.getByRole("dialog");
  await expect(confirm).toContainText("Archive 3 templates?");
  await confirm.getByRole("button", { name: "Archive", exact: true }).click();
  await expect(page.getByText("3 templates archived.")).toBeVisible();
  await expect(list.getByRole("listitem")).toHaveCount(1);
  await page.goto(`/w/acme/templates?q=${suffix}&status=archived`);
  await expect(page.getByRole("list", { name: "Templates" }).getByRole("listitem")).toHaveCount(3);

  // Delete the fourth, then bring it back from the trash.
  list = await search(page, suffix);
  const fourth = names[3] ?? "";
  await page.getByLabel(`Select ${fourth}`).check();
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Move to trash" }).click();
  await expect(page.getByText(/1 template moved to the trash/)).toBeVisible();
  await page.getByRole("link", { name: "Trash" }).click();
  await expect(page.getByText(fourth)).toBeVisible();
  await page.getByRole("button", { name: `Restore ${fourth}` }).click();
  await expect(page.getByRole("status").filter({ hasText: `Restored ${fourth}` })).toBeVisible();
  await expect((await search(page, suffix)).getByRole("listitem")).toHaveCount(1);
  await expect(page.getByRole("link", { name: new RegExp(fourth) })).toBeVisible();
});

test("a failed save marks the tag field in words; the message goes once the tag is shortened", async ({
  page,
}) => {
  await page.goto("/w/acme/templates/new");
  // Nothing is cut silently: an over-long name stays whole and its counter says by how much.
  const name = page.getByLabel("Name", { exact: true });
  await name.fill("n".repeat(250));
  await expect(name).toHaveValue("n".repeat(250));
  await expect(page.getByText("250 / 200 characters (50 too many)")).toBeVisible();
  await name.fill(`Long tag ${Date.now().toString(36)}`);
  await page.getByLabel("Content", { exact: true }).fill("Thanks for writing in!");
  const tags = page.getByLabel("Tags", { exact: true });
  await tags.fill("x".repeat(300));
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(tags).toHaveAttribute("aria-invalid", "true");
  const message = "A tag is 300 characters long; the limit is 50.";
  await expect(page.getByText(message)).toBeVisible();
  await tags.fill("shipping");
  await expect(page.getByText(message)).toHaveCount(0);
  await expect(tags).not.toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Please fix the highlighted fields.")).toHaveCount(0);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page).toHaveURL(/\/templates\/[0-9a-f-]{36}$/);
});

test.describe("as the agent", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("an agent fills in a template and copies the reply", async ({ page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.signIn(DEMO_AGENT.email, DEMO_AGENT.password);
    await expect(page).toHaveURL(/\/w\/acme$/);

    await (await search(page, "Refund status"))
      .getByRole("link", { name: /Refund status/ })
      .first()
      .click();
    const copy = page.getByRole("button", { name: "Copy reply" });
    await expect(copy).toBeDisabled();
    await expect(page.getByTestId("copy-reply")).toContainText(/Fill in .*order_id/);

    await page.getByRole("textbox", { name: "Sample customer.first_name", exact: true }).fill("Jo");
    await page.getByRole("textbox", { name: "Sample order_id", exact: true }).fill("AB-1234");
    await page.getByRole("textbox", { name: "Sample refund_date", exact: true }).fill("2026-03-01");
    await expect(copy).toBeEnabled();
    await copy.click();
    await expect(page.getByText("Reply copied.")).toBeVisible();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain("Jo");
    expect(copied).toContain("AB-1234");
    expect(copied).toContain("March 1, 2026");
    expect(copied).not.toMatch(/\{[a-z_.]+\}/);
  });
});

test("at 390 px nothing is clipped; the editor's buttons stay put; a network error is worded", async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  for (const path of ["/w/acme/settings", "/w/acme/settings/members", "/w/acme/settings/audit"]) {
    await page.goto(path);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
  // Locale is a list, like currency and time zone.
  await page.goto("/w/acme/settings");
  await expect(page.getByLabel("Locale")).toHaveJSProperty("tagName", "SELECT");

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/w/acme/templates/new");
  await page.getByLabel("Name", { exact: true }).fill(`Stable ${Date.now().toString(36)}`);
  await page.getByLabel("Content", { exact: true }).fill("Thanks for writing in!");
  const actions = page.getByTestId("editor-actions");
  const before = await actions.boundingBox();
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Version 1", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Duplicate" })).toBeVisible();
  const after = await actions.boundingBox();
  expect(after?.y).toBe(before?.y);

  // The server cannot be reached: the editor says so in words.
  await page.getByLabel("Content", { exact: true }).fill("Thanks for writing in again!");
  await page.route("**/api/trpc/**", (route) => route.abort("internetdisconnected"));
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(
    page.getByText("Could not reach the server. Check your connection and try again."),
  ).toBeVisible();
  await expect(page.getByText("Failed to fetch")).toHaveCount(0);
});

test("a favourite is one click in the editor and one filter in the library", async ({ page }) => {
  await (await search(page, "Track an order"))
    .getByRole("link", { name: /Track an order/ })
    .first()
    .click();
  await page.getByRole("button", { name: "☆ Add to favourites" }).click();
  await expect(page.getByRole("button", { name: "★ Favourite" })).toBeVisible();
  await page.goto("/w/acme/templates?favourites=1");
  const list = page.getByRole("list", { name: "Templates" });
  await expect(list.getByRole("link", { name: /Track an order/ })).toBeVisible();
  await expect(page.getByRole("checkbox", { name: "My favourites" })).toBeChecked();
  await expect(list.getByRole("listitem")).toHaveCount(1);
});

test("categories page: merge one category into another, saying what moves", async ({ page }) => {
  const suffix = Date.now().toString(36);
  const file = JSON.parse(templatesFile([`Cat one ${suffix}`, `Cat two ${suffix}`]));
  file.templates[0].category = `Shipping ${suffix}`;
  file.templates[1].category = `Delivery ${suffix}`;
  await importFile(page, JSON.stringify(file), "skip", /2 templates will be created/);
  await page.goto("/w/acme/templates");
  await page.getByRole("link", { name: "Categories" }).click();
  await page
    .getByLabel(`Merge Delivery ${suffix} into`)
    .selectOption({ label: `Shipping ${suffix}` });
  const row = page
    .getByRole("listitem")
    .filter({ has: page.getByLabel(`Name of Delivery ${suffix}`) });
  await row.getByRole("button", { name: "Merge" }).click();
  await expect(page.getByRole("dialog")).toContainText("1 template move to");
  await page.getByRole("dialog").getByRole("button", { name: "Merge" }).click();
  await expect(
    page.getByText(`Merged “Delivery ${suffix}” into “Shipping ${suffix}”.`),
  ).toBeVisible();
  await expect(page.getByLabel(`Name of Delivery ${suffix}`)).toHaveCount(0);
});
