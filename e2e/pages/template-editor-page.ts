import { expect, type Locator, type Page } from "@playwright/test";

/** The template editor (/w/<slug>/templates/new and /w/<slug>/templates/<id>). */
export class TemplateEditorPage {
  readonly content: Locator;
  readonly preview: Locator;
  readonly problems: Locator;

  constructor(private readonly page: Page) {
    this.content = page.getByLabel("Content", { exact: true });
    this.preview = page.getByTestId("template-preview");
    this.problems = page.getByTestId("preview-problems");
  }

  async fillDetails(name: string, category: string, content: string): Promise<void> {
    await this.page.getByLabel("Name", { exact: true }).fill(name);
    await this.page.getByLabel("Category", { exact: true }).fill(category);
    await this.content.fill(content);
  }

  async addVariable(index: number, name: string, type: string): Promise<void> {
    await this.page.getByRole("button", { name: "Add variable" }).click();
    const row = this.page.getByRole("group", { name: `Variable ${index}`, exact: true });
    await row.getByLabel("Variable name", { exact: true }).fill(name);
    await row.getByLabel("Type", { exact: true }).selectOption(type);
  }

  async addTrigger(index: number, kind: string, value: string): Promise<void> {
    await this.page.getByRole("button", { name: "Add trigger" }).click();
    const row = this.page.getByRole("group", { name: `Trigger ${index}`, exact: true });
    await row.getByLabel("Trigger kind", { exact: true }).selectOption(kind);
    await row.getByLabel("Trigger value", { exact: true }).fill(value);
  }

  async sample(name: string, value: string): Promise<void> {
    // Number samples are spinbuttons, the others text boxes; both are named "Sample <name>".
    const label = { name: `Sample ${name}`, exact: true };
    await this.page
      .getByRole("textbox", label)
      .or(this.page.getByRole("spinbutton", label))
      .fill(value);
  }

  /** Saves and waits for the header to show the new version number. */
  async save(expectedVersion: number): Promise<void> {
    await this.page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(this.page.getByText(`Version ${expectedVersion}`, { exact: true })).toBeVisible();
  }
}
