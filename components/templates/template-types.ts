import type { RouterInputs, RouterOutputs } from "@/lib/router-types";

/** What the templates router returns, named once for the components that show it. */
export type TemplateSummary = RouterOutputs["templates"]["list"]["items"][number];
export type TemplateSearchHit = RouterOutputs["templates"]["search"]["items"][number];
export type TemplateDetail = RouterOutputs["templates"]["get"];
export type TemplateCategory = RouterOutputs["templates"]["categories"]["list"][number];
export type TemplateVersionEntry = RouterOutputs["templates"]["versions"]["list"][number];
export type TemplateVersionDetail = RouterOutputs["templates"]["versions"]["get"];
export type TemplateImportResult = RouterOutputs["templates"]["import"];
export type TemplateListPage = RouterOutputs["templates"]["list"];
export type TemplateListInput = RouterInputs["templates"]["list"];
export type TemplateSort = NonNullable<TemplateListInput["sort"]>;
export type ImportFormat = RouterInputs["templates"]["import"]["format"];
export type ImportMode = NonNullable<RouterInputs["templates"]["import"]["mode"]>;
export type ExportFormat = RouterInputs["templates"]["export"]["format"];

/** The workspace settings a preview renders with. */
export type RenderSettings = { locale: string; currency: string; timeZone: string };

/** A piece of text the search marked as matching (or not). */
export type HighlightSegment = { text: string; match: boolean };

export function templatesPath(slug: string, ...rest: string[]): string {
  return [`/w/${encodeURIComponent(slug)}/templates`, ...rest.map(encodeURIComponent)].join("/");
}
