import { expect, type Page, test } from "@playwright/test";
import { type AiStub, STUB_OPENING, startAiStub } from "../test/ai-stub-server";
import { OWNER_STATE } from "./fixtures/accounts";
import { TemplateEditorPage } from "./pages/template-editor-page";

test.use({ storageState: OWNER_STATE });

/**
 * Issue #12: template optimisation in the editor. The provider is a stub OpenAI-compatible
 * server this spec starts on 127.0.0.1 (test/ai-stub-server.ts, a fixture, not product code).
 * The app server's environment names no provider (playwright.config.ts is unchanged): the spec
 * creates its own workspace and points that workspace's Settings → AI at the stub, so every other
 * spec — and the demo workspace — still sees "no provider", in the same `npx playwright test` run.
 */
let stub: AiStub;
test.beforeAll(async () => {
  // Slow pieces, so the browser can be seen receiving the rewrite bit by bit.
  stub = await startAiStub({ chunkDelayMs: 120, chunkSize: 6 });
});
test.afterAll(async () => {
  await stub?.close();
});

async function createTemplate(page: Page, slug: string, name: string, content: string) {
  await page.goto(`/w/${slug}/templates/new`);
  const editor = new TemplateEditorPage(page);
  await editor.fillDetails(name, "Shipping", content);
  await editor.addVariable(1, "order_id", "text");
  await editor.save(1);
  await expect(page).toHaveURL(/\/templates\/[0-9a-f-]{36}$/);
  return editor;
}

test("optimise a template with an AI provider: streamed, diffed, accepted as a new version", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const suffix = Date.now().toString(36);
  await page.goto("/w/new");
  await page.getByLabel("Workspace name").fill(`Zz AI lab ${suffix}`);
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page).not.toHaveURL(/\/w\/new$/);
  const slug = new URL(page.url()).pathname.split("/")[2] ?? "";
  expect(slug).not.toBe("");

  // Settings → AI says there is no provider, then takes the stub.
  await page.goto(`/w/${slug}/settings/ai`);
  await expect(page.getByText("No AI provider is configured.")).toBeVisible();
  await page.getByLabel("Provider").selectOption("openai-compatible");
  await page.getByLabel("Server URL").fill(stub.url);
  await page.getByLabel("API key").fill("stub-key-e2e");
  await page.getByLabel("Template optimisation").fill("stub-model");
  await page.getByRole("button", { name: "Save AI settings" }).click();
  await expect(page.getByText("Saved", { exact: true })).toBeVisible();
  await expect(page.getByText(/A key ending …-e2e is stored/)).toBeVisible();

  const content = "Hi {customer.first_name|there}, your order {order_id} has shipped.";
  await createTemplate(page, slug, `Shipped ${suffix}`, content);

  await page.getByRole("button", { name: "Optimise wording" }).click();
  await page.getByLabel("Goal (optional)").fill("warmer");
  await page.getByRole("button", { name: "Optimise", exact: true }).click();

  // The rewrite streams in: seen part-written (the stub is still sending), then whole.
  const stream = page.getByTestId("optimize-stream");
  await expect(stream).toContainText(STUB_OPENING);
  const partial = (await stream.textContent()) ?? "";
  expect(partial).not.toContain("We are happy to help.");
  await expect
    .poll(async () => ((await stream.textContent()) ?? "").length)
    .toBeGreaterThan(partial.length);

  // The diff against the saved text, labelled as AI-written by the stub's model.
  const result = page.getByTestId("optimize-result");
  await expect(result).toBeVisible({ timeout: 30_000 });
  await expect(result.getByText("AI-written · openai-compatible:stub-model")).toBeVisible();
  await expect(result.getByRole("table")).toContainText(`Removed: ${content}`);
  await expect(result.getByRole("table")).toContainText(`Added: ${STUB_OPENING} ${content}`);
  await expect(result).toContainText(
    "Expected performance gain: not estimated — no usage data yet",
  );
  expect(stub.requests.at(-1)?.authorization).toBe("Bearer stub-key-e2e");

  await result.getByRole("button", { name: "Accept as new version" }).click();
  await expect(page.getByText("Accepted the optimised wording: it is version 2 now")).toBeVisible();
  await expect(page.getByText("Version 2", { exact: true })).toBeVisible();
  await expect(new TemplateEditorPage(page).content).toHaveValue(
    `${STUB_OPENING} ${content}\n\nWe are happy to help.`,
  );

  // The history shows where version 2's wording came from.
  await page.getByRole("link", { name: "History" }).click();
  await expect(
    page.getByText("accepted AI optimisation (openai-compatible:stub-model)"),
  ).toBeVisible();
  const origins = page.getByTestId("optimization-history");
  await expect(origins).toContainText("accepted as v2");
  await expect(origins).toContainText("AI (openai-compatible:stub-model)");
  await expect(origins).toContainText("goal: “warmer”");

  // Settings → AI shows the call in today's usage.
  await page.goto(`/w/${slug}/settings/ai`);
  await expect(page.getByTestId("ai-usage")).toContainText("optimize");
});

test("without a provider the editor offers the rule-based optimiser and says it is not AI", async ({
  page,
}) => {
  const suffix = Date.now().toString(36);
  const content = "Your order {order_id} has been shipped.";
  await createTemplate(page, "acme", `No AI ${suffix}`, content);
  await page.getByRole("button", { name: "Optimise wording" }).click();
  await page.getByRole("button", { name: "Optimise", exact: true }).click();
  const result = page.getByTestId("optimize-result");
  await expect(result.getByText("Rule-based · not AI-written")).toBeVisible();
  await expect(result).toContainText("No AI provider is configured");
  await expect(result).toContainText("Passive voice “been shipped”");
  await result.getByRole("button", { name: "Discard" }).click();
  await expect(result).toBeHidden();
  await expect(page.getByText("Version 1", { exact: true })).toBeVisible();
});
