import { expect, type Locator, test } from "@playwright/test";
import { OWNER_STATE } from "./fixtures/accounts";
import { TemplateEditorPage } from "./pages/template-editor-page";

test.use({ storageState: OWNER_STATE });

/** Selects `text` (its first occurrence) in the content textarea. */
async function select(content: Locator, text: string): Promise<void> {
  await content.evaluate((element, wanted) => {
    const textarea = element as HTMLTextAreaElement;
    const at = textarea.value.indexOf(wanted);
    if (at === -1) throw new Error(`"${wanted}" is not in the content`);
    textarea.focus();
    textarea.setSelectionRange(at, at + wanted.length);
  }, text);
}

/**
 * Issue 11, formatting: the B / I / link / list buttons and Ctrl+B / Ctrl+I write Markdown,
 * the preview shows it formatted with placeholders filled inside it, a value full of markup
 * stays inert, and the copied reply is plain text or formatted HTML.
 */
test("format a reply with the toolbar and copy it as text and HTML", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("/w/acme/templates/new");
  const editor = new TemplateEditorPage(page);
  await editor.fillDetails(
    `Formatted reply ${Date.now().toString(36)}`,
    "Shipping",
    "Hi {customer.first_name|there}\nPlease read the guide\nCheck the label\nCall the carrier",
  );

  await select(editor.content, "{customer.first_name|there}");
  await editor.content.press("Control+b");
  await select(editor.content, "Please");
  await editor.content.press("Control+i");
  await select(editor.content, "the guide");
  await page.getByRole("button", { name: "Link (http, https or mailto)" }).click();
  // The link's target is selected, ready to be typed over.
  await page.keyboard.type("https://help.example/guide");
  await select(editor.content, "Check the label\nCall the carrier");
  await page.getByRole("button", { name: "Bulleted list" }).click();

  await expect(editor.content).toHaveValue(
    "Hi **{customer.first_name|there}**\n*Please* read [the guide](https://help.example/guide)\n- Check the label\n- Call the carrier",
  );

  // The preview is formatted, with the placeholder's fallback inside the bold.
  await expect(editor.preview.locator("strong")).toHaveText("there");
  await expect(editor.preview.locator("em")).toHaveText("Please");
  const link = editor.preview.getByRole("link", { name: "the guide" });
  await expect(link).toHaveAttribute("href", "https://help.example/guide");
  await expect(link).toHaveAttribute("rel", "noopener noreferrer");
  await expect(editor.preview.locator("li")).toHaveText(["Check the label", "Call the carrier"]);

  // A value with HTML and Markdown in it is shown as written, never run or formatted.
  const hostile =
    '<script>window.__pwned = 1</script> **Ada** <img src=x onerror="window.__pwned = 2">';
  await editor.sample("customer.first_name", hostile);
  await expect(editor.preview.locator("strong")).toHaveText(hostile);
  await expect(editor.preview.locator("script, img")).toHaveCount(0);
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();

  await page.getByRole("button", { name: "Copy reply" }).click();
  await expect(page.getByTestId("copy-reply")).toContainText("Reply copied.");
  const text = await page.evaluate(() => navigator.clipboard.readText());
  expect(text).toBe(
    `Hi ${hostile}\nPlease read the guide (https://help.example/guide)\n- Check the label\n- Call the carrier`,
  );

  await page.getByRole("button", { name: "Copy as HTML" }).click();
  await expect(page.getByTestId("copy-reply")).toContainText("Reply copied as HTML.");
  const html = await page.evaluate(async () => {
    const [item] = await navigator.clipboard.read();
    return item ? await (await item.getType("text/html")).text() : "";
  });
  expect(html).toContain("<strong>&lt;script&gt;window.__pwned = 1&lt;/script&gt; **Ada**");
  expect(html).toContain(
    '<a href="https://help.example/guide" rel="noopener noreferrer">the guide</a>',
  );
  expect(html).toContain("<ul><li>Check the label</li><li>Call the carrier</li></ul>");
});
