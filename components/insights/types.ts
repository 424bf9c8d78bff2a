/**
 * The shapes the insights components show, as the analysis router returns them
 * (server/api/routers/analysis.schema.ts).
 */
import type { RouterOutputs } from "@/lib/router-types";

type Analysis = RouterOutputs["analysis"];
export type RunListItem = Analysis["runs"][number];
export type RunView = Analysis["run"];
export type RunSummary = NonNullable<RunView["summary"]>;
export type GapView = Analysis["gaps"]["list"]["gaps"][number];
export type GapDetailView = Analysis["gaps"]["get"];
export type GapMessageView = GapDetailView["messages"]["items"][number];
export type PatternView = Analysis["patterns"]["patterns"][number];
export type InsightView = Analysis["insights"]["insights"][number];
