import { type Browser, type BrowserContext, expect, test } from "@playwright/test";
import { uniqueEmail } from "./fixtures/accounts";
import { AccountSettings } from "./pages/settings-pages";
import { SignInPage } from "./pages/sign-in-page";
import { SignUpPage } from "./pages/sign-up-page";

/**
 * Sessions end on the server, not only in the browser that signs out: a copied cookie stops
 * working, and a person can see and end their other devices. Each test uses its own new
 * account, so the demo owner's saved session is never touched.
 */
async function signUpNewOwner(browser: Browser) {
  const email = uniqueEmail("sessions");
  const password = "sessions-password-1";
  const context = await browser.newContext();
  const page = await context.newPage();
  const signUp = new SignUpPage(page);
  await signUp.goto();
  await signUp.submit({ name: "Sam Sessions", email, password, workspaceName: "Session Co" });
  await expect(page).toHaveURL(/\/w\/session-co-[a-z0-9]{6}$/);
  const slug = new URL(page.url()).pathname.split("/")[2] ?? "";
  return { email, password, slug, context, page };
}

async function signInElsewhere(browser: Browser, email: string, password: string, slug: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(email, password);
  await expect(page).toHaveURL(new RegExp(`/w/${slug}$`));
  return { context, page };
}

/** Whether a browser holding these cookies is still signed in. */
async function isSignedIn(context: BrowserContext, slug: string): Promise<boolean> {
  const page = await context.newPage();
  await page.goto(`/w/${slug}`);
  const signedIn = !new URL(page.url()).pathname.startsWith("/sign-in");
  await page.close();
  return signedIn;
}

test("a cookie copied before sign-out no longer works after it", async ({ browser }) => {
  const owner = await signUpNewOwner(browser);
  const copied = await owner.context.cookies();
  expect(copied.some((c) => c.name.includes("session-token"))).toBe(true);

  await owner.page.getByRole("button", { name: "Sign out" }).first().click();
  await expect(owner.page).toHaveURL(/\/sign-in/);

  // Someone who copied the cookie earlier replays it in a fresh browser.
  const thief = await browser.newContext();
  await thief.addCookies(copied);
  const page = await thief.newPage();
  await page.goto(`/w/${owner.slug}`);
  await expect(page).toHaveURL(/\/sign-in/);
  const api = await page.request.get("/api/trpc/workspace.mine");
  expect(api.status()).toBe(401);

  await thief.close();
  await owner.context.close();
});

test("devices are listed and can be signed out one by one, by password change, or everywhere", async ({
  browser,
}) => {
  const owner = await signUpNewOwner(browser);
  const phone = await signInElsewhere(browser, owner.email, owner.password, owner.slug);

  const account = new AccountSettings(owner.page);
  await account.goto(owner.slug);
  await expect(account.devices()).toHaveCount(2);
  await expect(account.devices().filter({ hasText: "This device" })).toHaveCount(1);
  await expect(account.devices().first()).toContainText(/Chrome on \w+/);

  // One other device, signed out from here.
  await account.signOutOtherDevice();
  await expect(account.devices()).toHaveCount(1);
  expect(await isSignedIn(phone.context, owner.slug)).toBe(false);

  // A password change signs out the others and keeps this one.
  const tablet = await signInElsewhere(browser, owner.email, owner.password, owner.slug);
  await account.goto(owner.slug);
  await account.changePassword(owner.password, "sessions-password-2");
  await expect(owner.page.getByText("Password changed. 1 other device signed out.")).toBeVisible();
  expect(await isSignedIn(tablet.context, owner.slug)).toBe(false);
  expect(await isSignedIn(owner.context, owner.slug)).toBe(true);

  // Everywhere: this browser too.
  const laptop = await signInElsewhere(browser, owner.email, "sessions-password-2", owner.slug);
  await account.goto(owner.slug);
  await account.signOutEverywhere();
  await expect(owner.page).toHaveURL(/\/sign-in/);
  expect(await isSignedIn(laptop.context, owner.slug)).toBe(false);

  for (const context of [phone.context, tablet.context, laptop.context, owner.context]) {
    await context.close();
  }
});
