import { expect, test as setup } from "@playwright/test";
import { DEMO_OWNER, OWNER_STATE } from "./fixtures/accounts";
import { SignInPage } from "./pages/sign-in-page";

// Login once: the demo owner's session is saved and reused by every spec that needs it.
setup("sign in as the demo owner", async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(DEMO_OWNER.email, DEMO_OWNER.password);
  await expect(page).toHaveURL(/\/w\/acme$/);
  await page.context().storageState({ path: OWNER_STATE });
});
