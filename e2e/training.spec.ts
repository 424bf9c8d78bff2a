import { expect, test } from "@playwright/test";
import { OWNER_STATE } from "./fixtures/accounts";

test.use({ storageState: OWNER_STATE });

/**
 * Issue #9 in the browser: the demo workspace (seeded with a deployed version 1) trains a new
 * version while the job page follows it live, deploys it, then rolls back to the one before.
 */
test("start training on the demo workspace, watch it finish, deploy, roll back", async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.goto("/w/acme/training");
  await expect(page.getByTestId("training-checklist")).toContainText("version");
  await page.getByRole("button", { name: "Start training" }).click();
  await page.waitForURL(/\/w\/acme\/training\/jobs\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("progressbar", { name: "Training progress" })).toBeVisible();
  await expect(page.getByTestId("job-state")).toHaveText("completed", { timeout: 180_000 });
  await expect(page.getByRole("progressbar", { name: "Training progress" })).toHaveAttribute(
    "aria-valuenow",
    "100",
  );
  await expect(page.getByRole("listitem").filter({ hasText: "5. ready" })).toBeVisible();
  // A finished run still says what it learnt from: the demo's 4,448 Bitext examples (and
  // those an earlier test may have added) for its 27 templates.
  await expect(page.locator("dt", { hasText: "Examples" }).locator("+ dd")).toHaveText(
    /^\d{1,3}(,\d{3})+$/,
  );
  await expect(page.locator("dt", { hasText: "Templates" }).locator("+ dd")).toHaveText(/^\d+$/);
  const versionLink = page.getByRole("link", { name: /^v\d+$/ });
  const label = (await versionLink.textContent()) ?? "";
  const trained = Number(label.slice(1));
  expect(trained).toBeGreaterThan(1);

  await page.goto("/w/acme/training");
  const row = page.getByTestId(`version-row-${trained}`);
  const previouslyLive = page.getByRole("row").filter({ hasText: "deployed" });
  const liveBefore = (await previouslyLive.getByRole("link").first().textContent()) ?? "";
  await row.getByRole("button", { name: "Deploy" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Deploy" }).click();
  await expect(row).toContainText("deployed");

  // The button names the version it goes back to: the one that was live before.
  await page.getByRole("button", { name: `Roll back to ${liveBefore}`, exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Roll back" }).click();
  await expect(row).not.toContainText("deployed");
  await expect(page.getByTestId(`version-row-${liveBefore.slice(1)}`)).toContainText("deployed");

  // Side by side: tick the live version and the new one, then compare.
  await page.getByRole("checkbox", { name: `Compare version ${liveBefore.slice(1)}` }).check();
  await page.getByRole("checkbox", { name: `Compare version ${trained}` }).check();
  await page.getByRole("link", { name: "Compare selected" }).click();
  await page.waitForURL(/\/training\/compare\?a=[0-9a-f-]{36}&b=[0-9a-f-]{36}$/);
  const pair = [Number(liveBefore.slice(1)), trained].sort((x, y) => x - y);
  await expect(
    page.getByRole("heading", { name: `Version ${pair[0]} and version ${pair[1]}` }),
  ).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: /^Top-1/ })).toContainText(/\d%.*\d%/);
  const perTemplate = page.getByRole("region", { name: "Per-template changes" });
  await expect(perTemplate.getByRole("row").nth(1)).toContainText("→");
  // The new version's page says who trained it, when, and links back to its run.
  await page.goto("/w/acme/training");
  await page
    .getByTestId(`version-row-${trained}`)
    .getByRole("link", { name: `v${trained}` })
    .click();
  await expect(page.getByTestId("version-provenance")).toHaveText(
    /^Trained .+ by admin@acme\.test · its training run$/,
  );
  // Its "Scenarios" link opens the scenarios page ready to run on this version, though the
  // deployed one is another (the page otherwise opens on the deployed version's run).
  await page
    .getByRole("region", { name: "Scenario runs" })
    .getByRole("link", { name: "Scenarios" })
    .click();
  await expect(page).toHaveURL(/\/training\/scenarios\?version=[0-9a-f-]{36}$/);
  await expect(page.getByLabel("Version to run against").locator("option:checked")).toHaveText(
    `v${trained}`,
  );
  await page.goBack();
  await page.getByRole("link", { name: "its training run" }).click();
  await expect(page.getByTestId("job-state")).toHaveText("completed");
  // The bare address (a bookmark) opens the deployed version against the newest other one.
  await page.goto("/w/acme/training/compare");
  await expect(page).toHaveURL(/\/training\/compare\?a=[0-9a-f-]{36}&b=[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: /^Version \d+ and version \d+$/ })).toBeVisible();

  // Every run, past the page's last ten: Settings → Jobs filtered to training.
  await page.goto("/w/acme/training");
  await page.getByRole("link", { name: "All training runs" }).click();
  await expect(page).toHaveURL(/\/settings\/jobs\?type=model-training$/);
  await expect(page.getByLabel("Type")).toHaveValue("model-training");
  const runs = page.getByRole("table").getByRole("row");
  await expect(runs.nth(1)).toContainText("Model training");
  const titles = await runs.locator("td:first-child .font-medium").allTextContents();
  expect(new Set(titles)).toEqual(new Set(["Model training"]));
});
