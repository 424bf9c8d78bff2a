import { expect, test } from "@playwright/test";
import { OWNER_STATE } from "./fixtures/accounts";

test.use({ storageState: OWNER_STATE });

/**
 * Test scenarios in the browser: the page opens on the deployed version's latest run (the demo
 * seed scores version 1 on its scenarios), a new scenario is added, a run against the deployed
 * version scores every scenario, the new one included, and the scenario is deleted after a
 * confirmation.
 */
test("scenarios: the deployed version's results, add one, run them all again", async ({ page }) => {
  await page.goto("/w/acme/training/scenarios");
  const results = page.getByTestId("scenario-results");
  await expect(
    page.getByRole("heading", { name: /^Scenario run on v\d+ \(deployed\),/ }),
  ).toBeVisible();
  const before = await results.getByRole("listitem").count();
  expect(before).toBeGreaterThan(0);
  await expect(results.getByRole("listitem").first()).toContainText(
    /^(passed|not confident|missed)/,
  );

  const text = `Can I pay for order ACM-${Date.now() % 100000} with PayPal?`;
  await page.getByLabel("Customer message").fill(text);
  await page.getByLabel("Expected template").selectOption({ label: "Accepted payment methods" });
  await page.getByLabel("Difficulty").selectOption("easy");
  await page.getByRole("button", { name: "Add", exact: true }).click();
  const scenarioList = page.getByRole("listitem").filter({ hasText: text });
  await expect(scenarioList.first()).toContainText("→ Accepted payment methods");

  // "Run scenarios" re-runs the version whose results are shown: the deployed one, even when a
  // newer version exists (the training test may have trained one).
  await expect(page.getByLabel("Version to run against").locator("option:checked")).toHaveText(
    /^v\d+ \(deployed\)$/,
  );
  await page.getByRole("button", { name: "Run scenarios" }).click();
  await page.waitForURL(/\/training\/scenarios\?run=[0-9a-f-]{36}$/);
  await expect(
    page.getByRole("heading", { name: /^Scenario run on v\d+ \(deployed\),/ }),
  ).toBeVisible();
  const newRun = results.getByRole("listitem").filter({ hasText: text });
  await expect(newRun).toHaveCount(1);
  // A miss says where the right template came: "(ranked 2)", or "(not in the top 5)".
  await expect(newRun).toContainText(
    /expected Accepted payment methods( \(ranked [2-5]\)| \(not in the top 5\))?; got /,
  );
  const misses = results.getByRole("listitem").filter({ hasText: /^missed/ });
  for (const miss of await misses.all()) {
    await expect(miss).toContainText(/ \((ranked [2-5]|not in the top 5)\); got /);
  }
  // Every scenario on the page was scored in this run.
  const scenarios = await page.getByRole("button", { name: "Delete" }).count();
  await expect(results.getByRole("listitem")).toHaveCount(scenarios);

  // Deleting asks first; "Keep it" keeps it, "Delete" removes it from the list.
  const added = page
    .getByRole("region", { name: "Scenarios", exact: true })
    .getByRole("listitem")
    .filter({ hasText: text });
  await added.getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete this scenario?" });
  await expect(dialog).toContainText(text);
  await dialog.getByRole("button", { name: "Keep it" }).click();
  await expect(added).toHaveCount(1);
  await added.getByRole("button", { name: "Delete" }).click();
  await dialog.getByRole("button", { name: "Delete" }).click();
  await expect(added).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Delete" })).toHaveCount(scenarios - 1);
});
