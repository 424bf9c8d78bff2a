import type { Locator, Page } from "@playwright/test";

export type SignUpFields = { name: string; email: string; password: string; workspaceName: string };

export class SignUpPage {
  readonly name: Locator;
  readonly email: Locator;
  readonly password: Locator;
  readonly workspaceName: Locator;

  constructor(private readonly page: Page) {
    this.name = page.getByLabel("Name", { exact: true });
    this.email = page.getByLabel("Email", { exact: true });
    this.password = page.getByLabel("Password", { exact: true });
    this.workspaceName = page.getByLabel("Workspace name", { exact: true });
  }

  async goto(): Promise<void> {
    await this.page.goto("/sign-up");
  }

  async submit(fields: SignUpFields): Promise<void> {
    await this.name.fill(fields.name);
    await this.email.fill(fields.email);
    await this.password.fill(fields.password);
    await this.workspaceName.fill(fields.workspaceName);
    await this.page.getByRole("button", { name: "Create account", exact: true }).click();
  }
}
