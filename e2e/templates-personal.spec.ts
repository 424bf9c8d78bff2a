import { type Browser, expect, type Page, test } from "@playwright/test";
import { DEMO_AGENT, OWNER_STATE, uniqueEmail } from "./fixtures/accounts";
import { MembersSettings } from "./pages/settings-pages";
import { SignInPage } from "./pages/sign-in-page";

/**
 * Issue #11: personal and shared templates, and translations picked by the conversation's
 * language, in the demo workspace (acme) with its owner, its agent and a second agent.
 */
test.use({ storageState: OWNER_STATE });

async function signedInAgent(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const page = await context.newPage();
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(DEMO_AGENT.email, DEMO_AGENT.password);
  await expect(page).toHaveURL(/\/w\/acme$/);
  return page;
}

/** The owner invites a second agent, who joins in a browser of their own. */
async function secondAgent(owner: Page, browser: Browser): Promise<Page> {
  const members = new MembersSettings(owner);
  await members.goto("acme");
  const link = await members.invite(uniqueEmail("second-agent"), "agent");
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto(link);
  await page.getByLabel("Name", { exact: true }).fill("Second Agent");
  await page.getByLabel("Password", { exact: true }).fill("second-agent-password-1");
  await page.getByRole("button", { name: "Join workspace" }).click();
  await expect(page).toHaveURL(/\/w\/acme$/);
  return page;
}

async function writeTemplate(page: Page, name: string, content: string): Promise<string> {
  await page.goto("/w/acme/templates/new");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Content", { exact: true }).fill(content);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page).toHaveURL(
    /\/templates\/[0-9a-f-]{36}\?created=1$|\/templates\/[0-9a-f-]{36}$/,
  );
  return new URL(page.url()).pathname;
}

async function libraryNames(page: Page, query: string): Promise<string[]> {
  await page.goto(`/w/acme/templates?q=${encodeURIComponent(query)}`);
  const list = page.getByRole("list", { name: "Templates" });
  await expect(page.getByText(/Searching/)).toHaveCount(0);
  await page.waitForLoadState("networkidle");
  return list.getByRole("link").allTextContents();
}

test("an agent's personal template is theirs alone; an admin's shared template reaches agents", async ({
  page: owner,
  browser,
}) => {
  const suffix = Date.now().toString(36);
  const agent = await signedInAgent(browser);
  const other = await secondAgent(owner, browser);

  // The agent writes a template: it can only be personal, and says so.
  await agent.goto("/w/acme/templates/new");
  const whoSees = agent.getByLabel("Who sees it", { exact: true });
  await expect(whoSees).toHaveValue("personal");
  await expect(whoSees).toBeDisabled();
  const personalPath = await writeTemplate(agent, `Personal note ${suffix}`, "Thanks for waiting!");
  await agent.goto("/w/acme/templates?owner=mine");
  const mine = agent.getByRole("list", { name: "Templates" }).getByRole("listitem");
  await expect(mine.filter({ hasText: `Personal note ${suffix}` })).toContainText("Personal");

  // The owner shares one with everyone.
  await writeTemplate(owner, `Shared greeting ${suffix}`, "Hello from the whole team!");
  await expect(owner.getByLabel("Who sees it", { exact: true })).toHaveValue("everyone");

  // The second agent sees the shared template and not the personal one, even by its address.
  await expect.poll(() => libraryNames(other, suffix)).toEqual([`Shared greeting ${suffix}`]);
  await other.goto(personalPath);
  await expect(other.getByText("Page not found")).toBeVisible();
  // Nor does the workspace owner: personal means personal.
  await expect.poll(() => libraryNames(owner, suffix)).toEqual([`Shared greeting ${suffix}`]);
  // The agent sees both.
  await expect
    .poll(async () => (await libraryNames(agent, suffix)).sort())
    .toEqual([`Personal note ${suffix}`, `Shared greeting ${suffix}`]);
});

test("an admin adds a translation; an agent copies the reply in the conversation's language", async ({
  page: owner,
  browser,
}) => {
  const suffix = Date.now().toString(36);
  const englishPath = await writeTemplate(owner, `Welcome ${suffix}`, "Welcome aboard!");

  await owner.getByLabel("Language of the new translation").fill("fr");
  await owner.getByRole("button", { name: "Add translation" }).click();
  await expect(owner).not.toHaveURL(new RegExp(`${englishPath}$`));
  await expect(owner.getByLabel("Language", { exact: true })).toHaveValue("fr");
  await owner.getByLabel("Content", { exact: true }).fill("Bienvenue à bord !");
  await owner.getByRole("button", { name: "Save", exact: true }).click();
  await expect(owner.getByText("Version 2", { exact: true })).toBeVisible();
  const translations = owner.getByRole("list", { name: "Translations" });
  await expect(translations.getByRole("link")).toHaveText(["en", "fr"]);

  // One library row for both languages.
  await owner.goto(`/w/acme/templates?owner=shared&q=${suffix}`);
  // Search, too, shows one row per group: the variant that matches best.
  await expect(owner.getByRole("list", { name: "Templates" }).getByRole("listitem")).toHaveCount(1);
  await owner.goto("/w/acme/templates");
  const row = owner
    .getByRole("list", { name: "Templates" })
    .getByRole("listitem")
    .filter({ hasText: `Welcome ${suffix}` });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("fr");

  const agent = await signedInAgent(browser);
  await agent.goto(englishPath);
  await agent.getByLabel("Conversation language").selectOption("fr");
  await agent.getByRole("button", { name: "Copy reply" }).click();
  await expect(agent.getByText("Reply copied.")).toBeVisible();
  expect(await agent.evaluate(() => navigator.clipboard.readText())).toBe("Bienvenue à bord !");
  // Back to English: the template's own text.
  await agent.getByLabel("Conversation language").selectOption("en");
  await agent.getByRole("button", { name: "Copy reply" }).click();
  await expect
    .poll(() => agent.evaluate(() => navigator.clipboard.readText()))
    .toBe("Welcome aboard!");
});
