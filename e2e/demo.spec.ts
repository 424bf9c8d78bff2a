import { expect, test } from "@playwright/test";
import { DEMO_AGENT, OWNER_STATE } from "./fixtures/accounts";
import { SignInPage } from "./pages/sign-in-page";

test.describe("the demo workspace", () => {
  test.use({ storageState: OWNER_STATE });

  test("the owner's dashboard shows Acme Store with its real members", async ({ page }) => {
    await page.goto("/w/acme");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Acme Store");
    // The checklist is computed from real state: the demo ships a dataset and a deployed model.
    const checklist = page.getByRole("region", { name: "Getting started" });
    // Once every step is done (an earlier spec may have made the API key) the steps are folded
    // under "Show the steps"; before, they are listed with what is left.
    const fold = checklist.getByText("Show the steps");
    if (await fold.isVisible()) {
      await expect(checklist).toContainText("All 6 steps done");
      await expect(checklist.getByRole("listitem")).toHaveCount(0);
      await fold.click();
    } else {
      await expect(checklist).toContainText(/\d of 6 steps done/);
    }
    for (const step of ["Upload training data", "Train and deploy a model"]) {
      await expect(checklist.getByRole("listitem").filter({ hasText: step })).toContainText(
        "(Done)",
      );
    }
    // The support figures are the inbox's and the training page's own: the open count is the
    // Open tab's, the live model the deployed version.
    const support = page.getByRole("region", { name: "Support" });
    const openStat = support.locator("div", { has: page.getByText("Open conversations") });
    const open = (await openStat.locator("dd").first().textContent()) ?? "";
    expect(open).toMatch(/^\d[\d,]*$/);
    await expect(support.locator("div", { has: page.getByText("Live model") })).toContainText(
      /Version \d+/,
    );
    await expect(support.getByText("Acceptance rate (30 days)")).toBeVisible();
    await support.getByRole("link", { name: /unassigned/ }).click();
    await expect(page.getByRole("tab", { name: /^Open/ })).toHaveText(`Open ${open}`);
    await page.goto("/w/acme/settings/members");
    await expect(page.getByRole("cell", { name: DEMO_AGENT.email })).toBeVisible();
  });
});

test("a wrong password gets the same message as an unknown email", async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(DEMO_AGENT.email, "wrong-password");
  await expect(page.getByText("Email or password is incorrect")).toBeVisible();
  await signIn.signIn("nobody-here@acme.test", "wrong-password");
  await expect(page.getByText("Email or password is incorrect")).toBeVisible();
  await signIn.signIn(DEMO_AGENT.email, DEMO_AGENT.password);
  await expect(page).toHaveURL(/\/w\/acme$/);
});
