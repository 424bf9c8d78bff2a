import { readFile } from "node:fs/promises";
import { expect, type Page, test } from "@playwright/test";
import { utcDay } from "@/components/analytics/format";
import { DEMO_AGENT, OWNER_STATE } from "./fixtures/accounts";
import { apiClient, mutate, signedInContext } from "./fixtures/trpc";

test.use({ storageState: OWNER_STATE });

/** RFC 4180 rows (quoted cells, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += ch;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

const kpi = (page: Page, label: string) => page.locator(`[data-kpi="${label}"]`);

/**
 * Issue #14's dashboards over events seeded through the inbox today: two templates of a fresh
 * category, one answered by the owner, one by the agent. The category, agent and period filters
 * change the figures, a template's analytics tab shows its own, and the CSV export neutralises a
 * template name that a spreadsheet would run as a formula.
 */
test("analytics dashboard: charts, filters, a template's tab and a neutralised CSV export", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const run = Date.now().toString(36);
  const category = `Analytics ${run}`;
  const plainName = `Delivery window ${run}`;
  const formulaName = `=HYPERLINK("http://evil.test","open") ${run}`;
  const create = (name: string) =>
    mutate<{ id: string }>(page, "templates.create", {
      name,
      category,
      content: `Reply ${name}: your parcel arrives between 9 and 5.`,
      status: "active",
    });
  const plain = await create(plainName);
  const formula = await create(formulaName);

  // Six conversations from the help desk; the owner answers three with one template, the
  // agent (signed in on a context of their own) three with the other.
  const parley = await apiClient(page, baseURL ?? "", `Analytics ${run}`);
  await parley.inbox.ingest.mutate({
    source: "e2e-analytics",
    conversations: Array.from({ length: 6 }, (_, i) => ({
      externalId: `an-${run}-${i}`,
      customer: { name: `An ${run} ${i}` },
      messages: [{ externalId: "1", role: "customer" as const, text: "When will it arrive?" }],
    })),
  });
  const ids = (await parley.inbox.list.query({ filter: "all", limit: 200 }))
    .filter((c) => c.externalId.startsWith(`an-${run}-`))
    .sort((a, b) => a.externalId.localeCompare(b.externalId))
    .map((c) => c.id);
  expect(ids).toHaveLength(6);
  const reply = async (as: Page, conversationId: string, templateId: string, csat?: number) => {
    const text = `Reply for ${conversationId}`;
    await mutate(as, "inbox.send", { conversationId, text, templateId, renderedText: text });
    if (csat !== undefined)
      await mutate(as, "inbox.setStatus", { conversationId, status: "resolved", csat });
  };
  // Owner: 3 uses, 2 resolved (CSAT 5 and 4).
  await reply(page, ids[0] ?? "", plain.id, 5);
  await reply(page, ids[1] ?? "", plain.id, 4);
  await reply(page, ids[2] ?? "", plain.id);
  const agent = await signedInContext(browser, baseURL ?? "", DEMO_AGENT);
  try {
    // Agent: 3 uses, 1 resolved (CSAT 2).
    await reply(agent.page, ids[3] ?? "", formula.id, 2);
    await reply(agent.page, ids[4] ?? "", formula.id);
    await reply(agent.page, ids[5] ?? "", formula.id);
  } finally {
    await agent.context.close();
  }

  await page.goto("/w/acme/analytics");
  const filters = page.getByRole("form", { name: "Analytics filters" });
  await expect(filters).toBeVisible();
  // The chart library draws the daily trend (three series).
  const chart = page.getByRole("figure", { name: "Daily template uses and rates" });
  await expect(chart.locator("svg.recharts-surface[role=application]")).toBeVisible();
  await expect(chart.locator(".recharts-line")).toHaveCount(3);
  for (const series of ["Uses", "Acceptance %", "Resolution %"])
    await expect(chart.getByRole("img", { name: `${series} legend icon` })).toBeVisible();

  // Category: exactly this run's two templates and their six uses.
  await filters.getByRole("combobox", { name: /^Category/ }).selectOption({ label: category });
  await expect(kpi(page, "Template uses")).toHaveText("6");
  await expect(kpi(page, "Resolution rate")).toHaveText("50%");
  const table = page.getByRole("table", { name: "Template analytics" });
  await expect(table.getByRole("row")).toHaveCount(3);
  const plainRow = table.getByRole("row").filter({ hasText: plainName });
  const formulaRow = table.getByRole("row").filter({ hasText: "evil.test" });
  // Template, category, uses, acceptance (never suggested), edited, resolution, CSAT, ….
  const cells = plainRow.getByRole("cell");
  await expect(cells.nth(1)).toHaveText(category);
  await expect(cells.nth(2)).toHaveText("3");
  await expect(cells.nth(3)).toHaveText("—");
  await expect(cells.nth(4)).toHaveText("0%");
  await expect(cells.nth(5)).toHaveText("66.7%");
  await expect(cells.nth(6)).toHaveText("4.50");
  await expect(formulaRow).toContainText(formulaName);
  await expect(formulaRow).toContainText("33.3%");
  await expect(formulaRow).toContainText("2.00");

  // Agent: only the agent's three replies.
  await filters.getByRole("combobox", { name: /^Agent/ }).selectOption({ label: "Sam Agent" });
  await expect(kpi(page, "Template uses")).toHaveText("3");
  await expect(kpi(page, "CSAT (1 rating)")).toHaveText("2.00");
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(table).toContainText(formulaName);
  await expect(table).not.toContainText(plainName);
  await filters.getByRole("combobox", { name: /^Agent/ }).selectOption({ label: "All agents" });
  await expect(kpi(page, "Template uses")).toHaveText("6");

  // Period: a month that ended before today holds none of it.
  await filters.getByRole("combobox", { name: /^Period/ }).selectOption("custom");
  const day = (offset: number) => utcDay(new Date(Date.now() - offset * 864e5));
  await filters.getByLabel("From", { exact: true }).fill(day(60));
  await filters.getByLabel("To", { exact: true }).fill(day(31));
  await expect(page.getByText("No template activity in this period")).toBeVisible();
  await expect(kpi(page, "Template uses")).toHaveText("0");
  await filters.getByRole("combobox", { name: /^Period/ }).selectOption("7");
  await expect(kpi(page, "Template uses")).toHaveText("6");

  // CSV export of the filtered table: the formula name leaves with a leading apostrophe.
  const downloading = page.waitForEvent("download");
  await filters.getByRole("button", { name: "Export CSV" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^template-analytics-\d{4}-\d{2}-\d{2}-to-.*\.csv$/);
  const rows = parseCsv(await readFile((await download.path()) ?? "", "utf8"));
  expect(rows[0]?.slice(0, 4)).toEqual(["template_id", "template", "category", "uses"]);
  const exported = rows.find((r) => r[0] === formula.id);
  expect(exported?.[1]).toBe(`'${formulaName}`);
  expect(exported?.[3]).toBe("3");
  expect(rows.find((r) => r[0] === plain.id)?.slice(1, 4)).toEqual([plainName, category, "3"]);
  expect(rows).toHaveLength(3);
  for (const cell of rows.flat()) expect(cell).not.toMatch(/^[=+@]|^-(?!\d)/);

  // The template's analytics tab: its own uses, by version, before/after.
  await plainRow.getByRole("link", { name: plainName }).click();
  await expect(page).toHaveURL(new RegExp(`/templates/${plain.id}/analytics$`));
  await expect(kpi(page, "Template uses")).toHaveText("3");
  await expect(kpi(page, "Resolution rate")).toHaveText("66.7%");
  await expect(kpi(page, "CSAT (2 ratings)")).toHaveText("4.50");
  await expect(
    page
      .getByRole("figure", { name: "This template's daily uses and rates" })
      .locator("svg.recharts-surface[role=application]"),
  ).toBeVisible();
  const byVersion = page.getByRole("table", { name: "Figures by version" });
  await expect(byVersion.getByRole("row").filter({ hasText: "v1" })).toContainText("3");
  await expect(page.getByRole("table", { name: "Before and after" })).toContainText("After");
});
