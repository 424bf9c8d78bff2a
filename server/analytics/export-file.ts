import type { TenantScope } from "@/server/workspaces/scope";
import { TEMPLATE_EXPORT_HEADER, templateExportRows, toCsv } from "./export";
import { type AnalyticsFilters, templatesAnalytics } from "./queries";

/** The per-template analytics of a period as a downloadable file body. */
export async function analyticsExport(
  scope: Pick<TenantScope, "tx" | "actor">,
  input: AnalyticsFilters & { format: "csv" | "json" },
) {
  const { templates } = await templatesAnalytics(scope, input);
  const base = `template-analytics-${input.from}-to-${input.to}`;
  if (input.format === "json") {
    return {
      filename: `${base}.json`,
      contentType: "application/json",
      body: JSON.stringify({ from: input.from, to: input.to, templates }, null, 2),
    };
  }
  return {
    filename: `${base}.csv`,
    contentType: "text/csv; charset=utf-8",
    body: toCsv(TEMPLATE_EXPORT_HEADER, templateExportRows(templates)),
  };
}
