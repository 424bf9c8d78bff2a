import { expect, test } from "@playwright/test";
import { OWNER_STATE } from "./fixtures/accounts";
import { TemplateEditorPage } from "./pages/template-editor-page";

test.use({ storageState: OWNER_STATE });

/**
 * Issue 7, finding 1, in the browser: the editor's live preview ran variables' patterns on the
 * page with no limit, so a slow pattern froze the author's tab. Now they run in a Web Worker
 * that is stopped after 300 ms, and the page keeps answering.
 */
test("a slow pattern cannot freeze the editor's preview", async ({ page }) => {
  await page.goto("/w/acme/templates/new");
  const editor = new TemplateEditorPage(page);
  await editor.fillDetails(`Slow pattern ${Date.now().toString(36)}`, "Checks", "Code {code}.");
  await editor.addVariable(1, "code", "text");
  // Passes the save-time screen (no nested or overlapping repetition), yet backtracks for
  // hours on a long run of a's: only the time limit can stop it.
  await page
    .getByRole("group", { name: "Variable 1", exact: true })
    .getByLabel("Pattern", { exact: true })
    .fill("a*a*a*a*a*a*a*b");

  await editor.sample("code", "a".repeat(200));
  await expect(editor.problems).toContainText(/could not be checked.*longer than 300 ms/);
  // The page's own thread was never blocked: a frame is painted at once.
  const frameMs = await page.evaluate(async () => {
    const started = performance.now();
    await new Promise((resolve) => requestAnimationFrame(resolve));
    return performance.now() - started;
  });
  expect(frameMs).toBeLessThan(500);

  // A value the pattern accepts clears the problem, through a fresh worker.
  await editor.sample("code", "aab");
  await expect(editor.preview).toContainText("Code aab.");
  await expect(editor.problems).not.toContainText(/invalid/i);
});

/**
 * The same finding against the built server over HTTP: a batch of three renders of 50
 * variables with a slow pattern answers 400 quickly, and /api/health answers within 100 ms
 * while it runs (before: 7.6 s for the batch, with health waiting behind it).
 */
test("the server stays responsive while a pattern probe runs", async ({ page }) => {
  const variables = Array.from({ length: 50 }, (_, i) => ({
    name: `v${i}`,
    type: "text",
    pattern: "a*a*a*a*a*a*a*b",
  }));
  const input = {
    draft: { name: "probe", content: variables.map((v) => `{${v.name}}`).join(" "), variables },
    values: Object.fromEntries(variables.map((v, i) => [v.name, "a".repeat(200 + i)])),
    format: "text",
  };
  const body = JSON.stringify({ 0: { json: input }, 1: { json: input }, 2: { json: input } });
  const headers = { "content-type": "application/json", "x-parley-workspace": "acme" };
  const health = async () => {
    const started = Date.now();
    const response = await page.request.get("/api/health");
    expect(response.status()).toBe(200);
    return Date.now() - started;
  };
  // Warm both routes, as on a server that has been up for a while.
  await health();
  const warm = await page.request.post("/api/trpc/templates.render?batch=1", {
    headers,
    data: JSON.stringify({ 0: { json: { ...input, values: {} } } }),
  });
  expect(warm.status()).toBe(200);

  const started = Date.now();
  const attack = page.request.post(
    "/api/trpc/templates.render,templates.render,templates.render?batch=1",
    { headers, data: body },
  );
  const healthTimes: number[] = [];
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setTimeout(resolve, 60));
    healthTimes.push(await health());
  }
  const response = await attack;
  const elapsed = Date.now() - started;
  expect(response.status()).toBe(400);
  const answers = (await response.json()) as { error: { json: { message: string } } }[];
  expect(answers.map((a) => a.error.json.message)).toEqual([
    expect.stringMatching(/took longer than one request allows \(250 ms/),
    expect.stringMatching(/took longer than one request allows \(250 ms/),
    expect.stringMatching(/took longer than one request allows \(250 ms/),
  ]);
  expect(elapsed).toBeLessThan(2_000);
  expect(
    Math.max(...healthTimes),
    `health during the probe: ${healthTimes.join(", ")} ms`,
  ).toBeLessThan(100);
});
