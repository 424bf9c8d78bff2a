import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeaderCell,
  TableRow,
} from "@/components/ui/table";
import { formatCount, pluralize } from "@/lib/format";
import { EXPLAIN, num, pct } from "./format";
import type { RunView } from "./types";

/**
 * The latest run's summary (the seed's analyzeConversationData): accuracy, how many messages got
 * no confident suggestion, the commonest failure points with examples, the templates the model
 * misses most, and satisfaction where the data has it.
 */
export function RunSummary({ run, slug }: { run: RunView; slug: string }) {
  const summary = run.summary;
  const unconfidentShare = run.messages > 0 ? run.unconfident / run.messages : null;
  const cards = [
    {
      label: "Messages analysed",
      value: formatCount(run.messages),
      title: undefined,
      detail: null,
    },
    {
      label: "Accuracy score",
      value: pct(summary?.accuracyScore),
      title: EXPLAIN.accuracy,
      detail: `over ${formatCount(summary?.comparedMessages ?? 0)} compared messages`,
    },
    {
      label: "Not confident",
      value: pct(unconfidentShare),
      detail: `${formatCount(run.unconfident)} of ${formatCount(run.messages)} messages`,
      title: EXPLAIN.unconfident,
    },
    {
      label: `CSAT (${pluralize(summary?.satisfaction.csatResponses ?? 0, "rating")})`,
      value: num(summary?.satisfaction.csat),
      title: "Mean customer satisfaction rating (1–5) of the analysed conversations.",
      detail: null,
    },
    {
      label: "Resolution rate",
      value: pct(summary?.satisfaction.resolutionRate),
      title: "Share of analysed conversations marked resolved, where the data says.",
      detail: null,
    },
    {
      label: "Open gaps",
      value: `${run.counts.openGaps} of ${run.counts.gaps}`,
      title: "Knowledge gaps still to act on, of all found in this run.",
      detail: null,
    },
  ];
  return (
    <div className="space-y-6">
      {run.modelVersion === null ? (
        <Alert tone="warning" title="No model was deployed for this run">
          Every message counts as not confident until a model is deployed: the gaps below are
          topics, not misses.{" "}
          <Link className="font-medium underline" href={`/w/${slug}/training`}>
            Train and deploy a version
          </Link>{" "}
          and run the analysis again.
        </Alert>
      ) : null}
      <dl className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6" aria-label="Run summary">
        {cards.map((card) => (
          <div
            key={card.label}
            className="rounded-lg border border-zinc-200 bg-white px-4 py-3"
            title={card.title}
          >
            <dt className="text-xs text-zinc-500">{card.label}</dt>
            <dd className="mt-1 text-xl font-semibold text-zinc-900" data-kpi={card.label}>
              {card.value}
            </dd>
            {card.detail ? <dd className="mt-0.5 text-xs text-zinc-500">{card.detail}</dd> : null}
          </div>
        ))}
      </dl>
      {summary && summary.comparedMessages === 0 ? (
        <p className="text-sm text-zinc-500">
          No accuracy score: none of these messages records which template the agent used, so there
          is nothing to compare the model's suggestion with.
        </p>
      ) : null}
      {summary && run.trainingOverlap && run.trainingOverlap.compared > 0 ? (
        <TrainingOverlapNotice
          overlap={run.trainingOverlap}
          compared={summary.comparedMessages}
          modelVersion={run.modelVersion}
        />
      ) : null}
      {summary && summary.commonFailurePoints.length > 0 ? (
        <Card>
          <CardHeader
            title="Common failure points"
            description="The agent used one template, the model's top suggestion was another (or none)."
          />
          <Table>
            <TableHead>
              <TableRow>
                <TableHeaderCell>Agent used</TableHeaderCell>
                <TableHeaderCell>Model suggested</TableHeaderCell>
                <TableHeaderCell className="text-right">Times</TableHeaderCell>
                <TableHeaderCell>Examples</TableHeaderCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {summary.commonFailurePoints.map((f) => (
                <TableRow key={`${f.expected}-${f.suggested ?? ""}`}>
                  <TableCell>{f.expectedName ?? f.expected}</TableCell>
                  <TableCell>
                    {f.suggested ? (f.suggestedName ?? f.suggested) : "nothing"}
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{formatCount(f.count)}</TableCell>
                  <TableCell>
                    <details>
                      <summary className="cursor-pointer text-accent-700">
                        {f.examples.length} example{f.examples.length === 1 ? "" : "s"}
                      </summary>
                      <ul className="mt-1 list-disc space-y-1 pl-5 text-xs text-zinc-600">
                        {f.examples.map((text) => (
                          <li key={text}>{text}</li>
                        ))}
                      </ul>
                    </details>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
      ) : null}
      {summary && summary.improvementAreas.length > 0 ? (
        <Card>
          <CardHeader
            title="Improvement areas"
            description="Templates the model misses most: add training examples or make them easier to tell apart."
          />
          <CardBody>
            <ul className="space-y-2 text-sm">
              {summary.improvementAreas.map((area) => (
                <li key={area.templateId} className="grid grid-cols-[1fr_12rem] items-center gap-3">
                  <Link
                    className="truncate text-accent-700 hover:underline"
                    href={`/w/${slug}/templates/${area.templateId}`}
                  >
                    {area.templateName ?? area.templateId}
                  </Link>
                  <span className="flex items-center gap-2 text-xs text-zinc-600">
                    <span className="h-2 flex-1 overflow-hidden rounded-full bg-zinc-100">
                      <span
                        className="block h-full rounded-full bg-amber-500"
                        style={{ width: `${Math.round(area.missRate * 100)}%` }}
                      />
                    </span>
                    {area.misses}/{area.total} missed
                  </span>
                </li>
              ))}
            </ul>
          </CardBody>
        </Card>
      ) : null}
    </div>
  );
}

/**
 * Says when the accuracy score is (partly) in-sample: scored on messages the model was trained
 * on, as when a run analyses the dataset the deployed version learned from.
 */
function TrainingOverlapNotice({
  overlap,
  compared,
  modelVersion,
}: {
  overlap: NonNullable<RunView["trainingOverlap"]>;
  compared: number;
  modelVersion: number | null;
}) {
  const all = overlap.compared >= compared;
  // A run with an overlap always had a deployed version.
  const name = `v${modelVersion ?? "?"}`;
  return (
    <Alert title="The accuracy score includes training data">
      <span data-testid="training-overlap">
        {all ? "All" : formatCount(overlap.compared)} of the {formatCount(compared)} compared
        messages{" "}
        {overlap.exact
          ? `were in the training data of model ${name} (${formatCount(overlap.trainedExamples)} examples)`
          : `were among the training examples model ${name} could learn from (it was trained on ${formatCount(overlap.trainedExamples)} examples)`}
        , so this score{" "}
        {all ? "is not measured on new messages." : "is partly measured on messages it has seen."}
        {overlap.heldOutTop1 !== null
          ? ` On messages held out from its training, ${name} put the right template first ${pct(overlap.heldOutTop1)} of the time.`
          : ""}
      </span>
    </Alert>
  );
}
