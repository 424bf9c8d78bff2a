import { expect, test } from "@playwright/test";
import { DEMO_OWNER, uniqueEmail } from "./fixtures/accounts";
import { SignInPage } from "./pages/sign-in-page";
import { SignUpPage } from "./pages/sign-up-page";

const valid = () => ({
  name: "Vera Valid",
  email: uniqueEmail("valid"),
  password: "long-enough-1",
  workspaceName: "Valid Co",
});

test.describe("sign-up rejects bad input next to the field and creates nothing", () => {
  const cases = [
    { field: "email" as const, value: "not-an-email", message: /valid email/i },
    { field: "password" as const, value: "abc", message: /at least 8 characters/i },
    { field: "workspaceName" as const, value: "W".repeat(10_000), message: /80/ },
  ];

  for (const { field, value, message } of cases) {
    test(`${field}: ${value.length > 40 ? `${value.length} characters` : value}`, async ({
      page,
    }) => {
      const signUp = new SignUpPage(page);
      await signUp.goto();
      const fields = { ...valid(), [field]: value };
      await signUp.submit(fields);
      // The message is tied to the field itself (aria-describedby), not only shown somewhere.
      await expect(signUp[field]).toHaveAttribute("aria-invalid", "true");
      await expect(signUp[field]).toHaveAccessibleDescription(message);
      await expect(page).toHaveURL(/\/sign-up$/);

      // Nothing was written: the would-be account cannot sign in.
      if (field !== "email") {
        const signIn = new SignInPage(page);
        await signIn.goto();
        await signIn.signIn(fields.email, fields.password);
        await expect(page.getByText("Email or password is incorrect")).toBeVisible();
      }
    });
  }
});

test("a registered email gets the same answer as a new one, and neither an account nor a session", async ({
  page,
}) => {
  const signUp = new SignUpPage(page);
  await signUp.goto();
  await signUp.submit({ ...valid(), email: DEMO_OWNER.email, password: "not-the-owners-1" });
  // Nothing on the form says whether the address was taken: the sign-up itself was answered
  // as for a new email, and only signing in with these details failed.
  await expect(
    page.getByRole("alert").filter({ hasText: "We could not sign you in with this email" }),
  ).toBeVisible();
  await expect(signUp.email).not.toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(/\/sign-up$/);
  // The owner's account is untouched: their own password still works.
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(DEMO_OWNER.email, DEMO_OWNER.password);
  await expect(page).toHaveURL(/\/w\/acme$/);
});
