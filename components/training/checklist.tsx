import Link from "next/link";
import { Card, CardHeader } from "@/components/ui/card";
import { pluralize } from "@/lib/format";
import type { RouterOutputs } from "@/lib/router-types";

type Overview = RouterOutputs["training"]["overview"];

const LINKS: Record<string, string> = {
  dataset: "datasets",
  examples: "datasets",
  scenarios: "scenarios",
};

/**
 * Every example, and — where training would leave some out (templates with one example, archived,
 * trashed or personal ones) — what the next run learns from.
 */
export function examplesDetail(counts: Overview["counts"]): string {
  const all = `${pluralize(counts.examples, "example")} for ${pluralize(counts.templatesWithExamples, "template")}`;
  if (counts.nextRunExamples === counts.examples) return all;
  return `${all} · the next run learns from ${pluralize(counts.nextRunExamples, "example")} for ${pluralize(counts.nextRunTemplates, "template")}`;
}

/** What is done and what is next, computed from the workspace's real rows. */
export function TrainingChecklist({ overview, slug }: { overview: Overview; slug: string }) {
  const { counts } = overview;
  const detail: Record<string, string> = {
    dataset: `${counts.readyDatasets} of ${pluralize(counts.datasets, "dataset")} ready`,
    examples: examplesDetail(counts),
    scenarios: pluralize(counts.scenarios, "scenario"),
    train: pluralize(counts.versions, "version"),
    deploy: overview.deployed ? `version ${overview.deployed.version} is live` : "nothing deployed",
  };
  return (
    <Card aria-labelledby="checklist-title">
      <CardHeader id="checklist-title" title="Getting a model live" />
      <ol className="divide-y divide-zinc-100" data-testid="training-checklist">
        {overview.checklist.map((item) => {
          const link = LINKS[item.key];
          return (
            <li key={item.key} className="flex items-center gap-3 px-5 py-3 text-sm">
              <span
                aria-hidden
                className={
                  item.done
                    ? "flex size-5 items-center justify-center rounded-full bg-emerald-600 text-xs text-white"
                    : "size-5 rounded-full border-2 border-zinc-300"
                }
              >
                {item.done ? "✓" : ""}
              </span>
              <span className={item.done ? "text-zinc-500" : "font-medium text-zinc-900"}>
                {link ? <Link href={`/w/${slug}/training/${link}`}>{item.label}</Link> : item.label}
                <span className="sr-only">{item.done ? " (done)" : " (to do)"}</span>
              </span>
              <span className="ml-auto text-xs text-zinc-500">{detail[item.key]}</span>
            </li>
          );
        })}
      </ol>
    </Card>
  );
}
