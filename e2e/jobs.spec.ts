import { expect, test } from "@playwright/test";
import { OWNER_STATE } from "./fixtures/accounts";

test.use({ storageState: OWNER_STATE });

/** A CSV of `n` valid templates, unique per run so repeated runs never collide. */
function bulkCsv(n: number): string {
  const run = Date.now().toString(36);
  const rows = ["name,category,content,triggers"];
  for (let i = 1; i <= n; i++) {
    rows.push(`Bulk ${run} ${i},Bulk ${run},"Reply ${i} for {customer.first_name|there}",bulk${i}`);
  }
  return rows.join("\n");
}

test("a large import runs as a job with a progress bar, and shows on the Jobs page", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.goto("/w/acme/templates");
  await page.getByRole("button", { name: "Import" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Import templates" });
  await dialog.getByLabel("Format").selectOption("csv");
  await dialog.getByLabel("File", { exact: true }).setInputFiles({
    name: "bulk.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(bulkCsv(1_100)),
  });
  await dialog.getByRole("button", { name: "Import", exact: true }).click();
  // The job can finish before the first paint of its progress bar: either is fine here (the
  // SSE stream itself is covered by server/jobs/job-events-stream.int.test.ts).
  const progress = dialog.getByRole("progressbar", { name: "Import progress" });
  await expect(progress.or(dialog.getByText(/Imported 1,?100 templates/))).toBeVisible();
  await expect(dialog.getByText(/Imported 1,?100 templates/)).toBeVisible({ timeout: 150_000 });
  await dialog.getByRole("button", { name: "Done" }).click();

  await page.goto("/w/acme/settings/jobs");
  const row = page.getByRole("row", { name: /Template import/ }).first();
  await expect(row).toContainText("completed");
  await expect(row.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "100");

  // Filtered on the server: only template imports, then only failed ones of any type.
  await page.getByLabel("Type").selectOption({ label: "Template import" });
  const rows = page.getByRole("table").getByRole("row");
  await expect(page.getByText("Loading jobs…")).toHaveCount(0);
  await expect(rows.nth(1)).toContainText("Template import");
  const titles = await rows.locator("td:first-child .font-medium").allTextContents();
  expect(titles.length).toBeGreaterThan(0);
  expect(new Set(titles)).toEqual(new Set(["Template import"]));
  await page.getByLabel("Status").selectOption({ label: "Failed" });
  await expect(page.getByText("Loading jobs…")).toHaveCount(0);
  await expect(
    page.getByText("No jobs match these filters.").or(rows.nth(1).getByText("failed")),
  ).toBeVisible();
  const states = await rows.locator("td:nth-child(2) span").allTextContents();
  expect(states.every((state) => state === "failed")).toBe(true);
  // The filters live in the address: a reload (or a link) opens the same view.
  await expect(page).toHaveURL(/\/settings\/jobs\?status=failed&type=template-import$/);
  await page.getByLabel("Status").selectOption({ label: "Completed" });
  await expect(page).toHaveURL(/\?status=completed&type=template-import$/);
  await page.reload();
  await expect(page.getByLabel("Status")).toHaveValue("completed");
  await expect(page.getByLabel("Type")).toHaveValue("template-import");
  await expect(row).toContainText("completed");
  await page.getByRole("button", { name: "Clear" }).click();
  await expect(page.getByLabel("Status")).toHaveValue("any");
  await expect(page).toHaveURL(/\/settings\/jobs$/);
  await expect(row).toContainText("completed");
});
