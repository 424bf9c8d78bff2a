import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { OWNER_STATE } from "./fixtures/accounts";

test.use({ storageState: OWNER_STATE });

const BAD = path.join(import.meta.dirname, "../server/training/datasets/fixtures/bad");

/** Labels unique per run, so "create missing templates" always has work to do. */
function labelledCsv(): string {
  const run = Date.now().toString(36);
  return [
    "text,label",
    `where is my parcel ${run},e2e_${run}_tracking`,
    `my parcel has not arrived ${run},e2e_${run}_tracking`,
    `I want my money back ${run},e2e_${run}_refund`,
    `please refund order ${run},e2e_${run}_refund`,
    `please refund order ${run},e2e_${run}_refund`,
  ].join("\n");
}

test("a labelled CSV becomes a ready dataset; mapping its labels gives training examples", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto("/w/acme/training/datasets");
  await page.getByLabel("Kind").selectOption("labelled");
  await page.getByLabel("Name").fill("E2E labelled");
  await page.getByLabel("Dataset file").setInputFiles({
    name: "labelled.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(labelledCsv()),
  });
  const done = page.getByRole("status").filter({ hasText: "is parsed" });
  await expect(done).toBeVisible({ timeout: 60_000 });
  await done.getByRole("link", { name: "E2E labelled" }).click();

  await expect(page.getByRole("heading", { name: "E2E labelled" })).toBeVisible();
  await expect(page.getByText("ready", { exact: true })).toBeVisible();
  await expect(page.getByTestId("examples-count")).toHaveText("0");
  // Five lines, one identical to another: four rows, one duplicate dropped.
  await expect(page.getByRole("row", { name: /please refund order/ })).toHaveCount(1);
  await page.getByRole("button", { name: "Create missing templates" }).click();
  await expect(page.getByText(/Created 2 draft templates/)).toBeVisible();
  await expect(page.getByTestId("examples-count")).toHaveText("4");
});

test("a zip renamed to .csv is refused with a clear reason, never ready", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto("/w/acme/training/datasets");
  await page.getByLabel("Name").fill("E2E zip");
  await page.getByLabel("Dataset file").setInputFiles({
    name: "zip-renamed.csv",
    mimeType: "text/csv",
    buffer: readFileSync(path.join(BAD, "zip-renamed.csv")),
  });
  const done = page.getByRole("status").filter({ hasText: "could not be parsed" });
  await expect(done).toBeVisible({ timeout: 60_000 });
  const row = page.getByRole("row", { name: /E2E zip/ }).first();
  await expect(row).toContainText("failed");
  await expect(row).toContainText("zip archive");
  await done.getByRole("link", { name: "E2E zip" }).click();
  await expect(page.getByText("This file could not be used")).toBeVisible();
  await expect(page.getByRole("button", { name: "Create missing templates" })).toHaveCount(0);
});

test.describe("in a German browser", () => {
  test.use({ locale: "de-DE" });

  test("counts read the same whichever side rendered them, with no hydration error", async ({
    page,
  }) => {
    const errors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(error.message));
    const demoRow = () =>
      page.getByRole("row").filter({ hasText: "Bitext customer support (demo)" });
    // Counts follow the app's English wording (lib/format.ts formatCount), not the browser's
    // locale: formatted by each side's own locale, the list read "4,514" when the server
    // rendered it and "4.514" when the browser did (here: after a client-side navigation).
    await page.goto("/w/acme/training/datasets");
    await expect(demoRow()).toContainText("4,514");
    await page.goto("/w/acme/training");
    await page.getByRole("link", { name: "Datasets", exact: true }).click();
    await expect(page).toHaveURL(/\/training\/datasets$/);
    await expect(demoRow()).toContainText("4,514");
    expect(errors.filter((e) => /hydrat|did not match/i.test(e))).toEqual([]);
  });
});
