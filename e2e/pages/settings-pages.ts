import { expect, type Page } from "@playwright/test";

/** Settings → Members & invitations. */
export class MembersSettings {
  constructor(private readonly page: Page) {}

  async goto(slug: string): Promise<void> {
    await this.page.goto(`/w/${slug}/settings/members`);
  }

  /** Invites `email` with `role` and returns the invite link the page shows. */
  async invite(email: string, role: "agent" | "admin"): Promise<string> {
    await this.page.getByLabel("Email", { exact: true }).fill(email);
    await this.page.getByLabel("Role", { exact: true }).selectOption(role);
    await this.page.getByRole("button", { name: "Send invitation", exact: true }).click();
    const link = this.page.getByTestId("invite-link");
    await expect(link).toContainText("/invite/");
    return ((await link.textContent()) ?? "").trim();
  }
}

/** Settings → API keys. */
export class ApiKeysSettings {
  constructor(private readonly page: Page) {}

  async goto(slug: string): Promise<void> {
    await this.page.goto(`/w/${slug}/settings/api-keys`);
  }

  /** Creates a key and returns its secret, which the page shows exactly once. */
  async create(name: string, scope: "read" | "write"): Promise<string> {
    await this.page.getByLabel("Key name", { exact: true }).fill(name);
    await this.page.getByLabel("Scope", { exact: true }).selectOption(scope);
    await this.page.getByRole("button", { name: "Create key", exact: true }).click();
    const secret = this.page.getByTestId("api-key-secret");
    await expect(secret).toContainText("pk_");
    return ((await secret.textContent()) ?? "").trim();
  }

  async revoke(name: string): Promise<void> {
    const row = this.page.getByRole("row").filter({ hasText: name });
    await row.getByRole("button", { name: "Revoke", exact: true }).click();
    await this.page.getByRole("dialog").getByRole("button", { name: "Revoke key" }).click();
    await expect(row).toContainText(/revoked/i);
  }
}

/** Settings → Your account: signed-in devices and password. */
export class AccountSettings {
  constructor(private readonly page: Page) {}

  async goto(slug: string): Promise<void> {
    await this.page.goto(`/w/${slug}/settings/account`);
  }

  /** The rows of the signed-in devices table. */
  devices() {
    return this.page.getByRole("table").getByRole("row").filter({ hasText: /\d/ });
  }

  async signOutOtherDevice(): Promise<void> {
    const other = this.devices().filter({ hasNotText: "This device" });
    await other
      .first()
      .getByRole("button", { name: /^Sign out/ })
      .click();
  }

  async signOutEverywhere(): Promise<void> {
    await this.page.getByRole("button", { name: "Sign out everywhere", exact: true }).click();
    await this.page
      .getByRole("dialog")
      .getByRole("button", { name: "Sign out everywhere", exact: true })
      .click();
  }

  async changePassword(current: string, next: string): Promise<void> {
    await this.page.getByLabel("Current password", { exact: true }).fill(current);
    await this.page.getByLabel("New password", { exact: true }).fill(next);
    await this.page.getByRole("button", { name: "Change password", exact: true }).click();
  }
}
