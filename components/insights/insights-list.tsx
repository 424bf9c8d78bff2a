import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { EXPLAIN, impactBarPercent, impactText } from "./format";
import type { InsightView } from "./types";

const KIND_LABELS: Record<InsightView["kind"], string> = {
  confused_templates: "Confused templates",
  growing_unanswered_topic: "Growing topic, unanswered",
  growing_topic: "Growing topic",
  knowledge_gap: "Knowledge gap",
  weak_template: "Weak template",
  low_accuracy: "Low accuracy",
};

function basisValue(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : value.toFixed(3);
  if (typeof value === "string") return value;
  if (Array.isArray(value) && value.every((v) => typeof v !== "object" || v === null))
    return value.map(String).join(", ");
  return JSON.stringify(value);
}

/** The evidence an insight was computed from: its formula first, then each fact. */
function Basis({ basis }: { basis: Record<string, unknown> }) {
  const { formula, ...facts } = basis;
  return (
    <details className="text-xs text-zinc-600">
      <summary className="cursor-pointer font-medium text-accent-700">Why this score</summary>
      <div className="mt-2 space-y-2 rounded-md bg-zinc-50 px-3 py-2">
        {typeof formula === "string" ? (
          <p>
            <span className="font-medium text-zinc-700">Formula: </span>
            <code className="break-words">{formula}</code>
          </p>
        ) : null}
        <dl
          className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1"
          data-testid="insight-basis"
        >
          {Object.entries(facts).map(([key, value]) => (
            <div key={key} className="contents">
              <dt className="text-zinc-500">{key}</dt>
              <dd className="break-words text-zinc-800">{basisValue(value)}</dd>
            </div>
          ))}
        </dl>
      </div>
    </details>
  );
}

/** Where the evidence and the actions are, and whether the gap was already acted on. */
function GapLink({
  slug,
  gapId,
  status,
}: {
  slug: string;
  gapId: string | null;
  status: string | null;
}) {
  if (!gapId) return null;
  return (
    <span className="flex items-center gap-2">
      {status && status !== "open" ? (
        <Badge tone="success">
          <span data-testid="insight-gap-status">gap {status}</span>
        </Badge>
      ) : null}
      <Link
        className="text-xs font-medium text-accent-700 hover:underline"
        href={`/w/${slug}/insights/gaps/${gapId}`}
      >
        Open the gap and its messages →
      </Link>
    </span>
  );
}

/** Ranked recommendations: what to do, how much it would help (impact 0–100), and why. */
export function InsightsList({ insights, slug }: { insights: InsightView[]; slug: string }) {
  return (
    <ol className="space-y-3" aria-label="Recommendations">
      {insights.map((insight, i) => (
        <li
          key={insight.id}
          className="space-y-2 rounded-lg border border-zinc-200 bg-white px-4 py-3"
          data-testid="insight"
        >
          <div className="flex flex-wrap items-center gap-2">
            <span className="text-sm font-semibold text-zinc-400 tabular-nums">{i + 1}.</span>
            <Badge tone="neutral">{KIND_LABELS[insight.kind]}</Badge>
            {insight.narratedBy === "ai" ? (
              <Badge tone="accent">AI-written</Badge>
            ) : (
              <Badge tone="success">Computed from your data</Badge>
            )}
          </div>
          <p className="text-sm text-zinc-900">{insight.text}</p>
          <div className="flex items-center gap-3" title={EXPLAIN.impact}>
            <span className="text-xs text-zinc-500">Impact</span>
            <div aria-hidden="true" className="h-2 w-48 overflow-hidden rounded-full bg-zinc-100">
              <div
                className="h-full rounded-full bg-accent-600"
                style={{ width: `${impactBarPercent(insight.impact)}%` }}
              />
            </div>
            <span
              className="text-xs font-medium text-zinc-700 tabular-nums"
              data-testid="insight-impact"
            >
              {impactText(insight.impact)}
            </span>
          </div>
          <div className="flex flex-wrap items-start justify-between gap-3">
            <div className="min-w-0 flex-1">
              <Basis basis={insight.basis} />
            </div>
            <GapLink slug={slug} gapId={insight.gapId} status={insight.gapStatus} />
          </div>
        </li>
      ))}
    </ol>
  );
}
