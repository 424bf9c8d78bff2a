import { expect, test } from "@playwright/test";
import { TRPCClientError } from "@trpc/client";
import { createParleyClient } from "@/sdk/parley-client";
import type { AppRouter } from "@/server/api/root";
import { uniqueEmail } from "./fixtures/accounts";
import { ApiKeysSettings, MembersSettings } from "./pages/settings-pages";
import { SignInPage } from "./pages/sign-in-page";
import { SignUpPage } from "./pages/sign-up-page";

/**
 * The foundation's whole story in one browser session: sign up → new workspace → invite an
 * agent → the agent accepts, signs in, and is kept out of admin settings and mutations → the
 * owner creates an API key → the typed client works with it → revoked, it is refused.
 */
test("a new team signs up, invites an agent and uses the API with a key", async ({
  browser,
  baseURL,
}) => {
  const ownerEmail = uniqueEmail("owner");
  const agentEmail = uniqueEmail("agent");
  const workspaceName = `Globex ${Date.now().toString(36)}`;

  // The owner signs up and lands in the new workspace.
  const ownerContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  const signUp = new SignUpPage(owner);
  await signUp.goto();
  await signUp.submit({
    name: "Olivia Owner",
    email: ownerEmail,
    password: "owner-password-1",
    workspaceName,
  });
  await expect(owner).toHaveURL(/\/w\/globex-[a-z0-9-]+$/);
  const slug = new URL(owner.url()).pathname.split("/")[2] ?? "";
  await expect(owner.getByRole("heading", { level: 1 })).toContainText(workspaceName);

  // A new workspace has nothing to train on: "Start training" says so at once, no job is run.
  await owner.goto(`/w/${slug}/training`);
  await owner.getByRole("button", { name: "Start training" }).click();
  await expect(
    owner.getByRole("alert").filter({ hasText: "There are no training examples" }),
  ).toBeVisible();
  await expect(owner.getByText("No training runs yet.")).toBeVisible();

  // The owner invites an agent and copies the link.
  const members = new MembersSettings(owner);
  await members.goto(slug);
  const inviteLink = await members.invite(agentEmail, "agent");
  expect(inviteLink).toContain(`${baseURL}/invite/`);

  // The agent opens the link in their own browser and creates an account by joining.
  const agentContext = await browser.newContext();
  const agent = await agentContext.newPage();
  await agent.goto(inviteLink);
  await expect(agent.getByText(workspaceName).first()).toBeVisible();
  await agent.getByLabel("Name", { exact: true }).fill("Adam Agent");
  await agent.getByLabel("Password", { exact: true }).fill("agent-password-1");
  await agent.getByRole("button", { name: "Join workspace" }).click();
  await expect(agent).toHaveURL(new RegExp(`/w/${slug}$`));

  // Then signs out and signs in again with the new account.
  await agent.getByRole("button", { name: "Sign out" }).first().click();
  await expect(agent).toHaveURL(/\/sign-in/);
  await new SignInPage(agent).signIn(agentEmail, "agent-password-1");
  await expect(agent).toHaveURL(new RegExp(`/w/${slug}$`));

  // The agent cannot open the admin settings pages…
  for (const section of ["members", "api-keys", "audit"]) {
    await agent.goto(`/w/${slug}/settings/${section}`);
    await expect(agent.getByText("Only admins can see this page")).toBeVisible();
  }
  // …nor call an admin mutation directly, with the browser's own session cookie.
  const forbidden = await agent.request.post("/api/trpc/workspace.members.invite", {
    headers: { "content-type": "application/json", "x-parley-workspace": slug },
    data: { json: { email: uniqueEmail("sneaky"), role: "admin" } },
  });
  expect(forbidden.status()).toBe(403);
  expect((await forbidden.json()).error.json.data.code).toBe("FORBIDDEN");

  // The owner creates an API key; the typed client returns the workspace with it.
  const apiKeys = new ApiKeysSettings(owner);
  await apiKeys.goto(slug);
  const key = await apiKeys.create("Helpdesk sync", "read");
  const parley = createParleyClient({ url: baseURL ?? "", apiKey: key });
  const workspace = await parley.workspace.get.query();
  expect(workspace).toMatchObject({ slug, name: workspaceName, role: "agent" });
  // A large query input (a 15,000-character draft) travels in the body, not the URL.
  const preview = await parley.templates.render.query({
    draft: {
      name: "Long reply",
      content: `Hi {name}. ${"word ".repeat(3000)}`,
      variables: [{ name: "name", type: "text" }],
    },
    values: { name: "Ada" },
    format: "text",
  });
  expect(preview.output.startsWith("Hi Ada. ")).toBe(true);
  expect(preview.output.length).toBeGreaterThan(15_000);

  // After revoking the key, the next call fails with UNAUTHORIZED.
  await apiKeys.revoke("Helpdesk sync");
  const error = await parley.workspace.get.query().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCClientError);
  expect((error as TRPCClientError<AppRouter>).data?.code).toBe("UNAUTHORIZED");

  await agentContext.close();
  await ownerContext.close();
});
