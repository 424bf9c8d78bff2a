import { Card, CardHeader } from "@/components/ui/card";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeaderCell,
  TableRow,
} from "@/components/ui/table";
import { formatCount } from "@/lib/format";
import type { RouterOutputs } from "@/lib/router-types";
import { bytes, pct } from "./format";

type Comparison = RouterOutputs["training"]["compare"];

type TemplateChange = Comparison["templates"][number];

/** F1 change in points; a template only one version knows is "new in vB" or "not in vB". */
const delta = (t: TemplateChange, b: number) =>
  t.f1Delta !== null
    ? `${t.f1Delta >= 0 ? "+" : ""}${(t.f1Delta * 100).toFixed(1)}`
    : t.before
      ? `not in v${b}`
      : `new in v${b}`;

/** Two versions side by side, then every template's change in F1 (largest first). */
export function CompareView({ comparison }: { comparison: Comparison }) {
  const { a, b } = comparison;
  const rows: [string, string, string][] = [
    ["Top-1", pct(a.headline.top1), pct(b.headline.top1)],
    ["Top-3", pct(a.headline.top3), pct(b.headline.top3)],
    ["Macro-F1", pct(a.headline.macroF1), pct(b.headline.macroF1)],
    ["Scenarios top-1", pct(a.headline.scenarioTop1), pct(b.headline.scenarioTop1)],
    ["Threshold", a.headline.threshold.toFixed(3), b.headline.threshold.toFixed(3)],
    ["Examples", formatCount(a.exampleCount), formatCount(b.exampleCount)],
    ["Size", bytes(a.sizeBytes), bytes(b.sizeBytes)],
  ];
  return (
    <div className="space-y-6">
      <Card aria-labelledby="side-title">
        <CardHeader id="side-title" title={`Version ${a.version} and version ${b.version}`} />
        <Table>
          <TableHead>
            <TableRow>
              <TableHeaderCell>Figure</TableHeaderCell>
              <TableHeaderCell>v{a.version}</TableHeaderCell>
              <TableHeaderCell>v{b.version}</TableHeaderCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map(([label, x, y]) => (
              <TableRow key={label}>
                <TableCell className="font-medium">{label}</TableCell>
                <TableCell>{x}</TableCell>
                <TableCell>{y}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Card>
      <Card aria-labelledby="changes-title">
        <CardHeader
          id="changes-title"
          title="Per-template changes"
          description="F1 on each version's own held-out examples, in points."
        />
        <Table>
          <TableHead>
            <TableRow>
              <TableHeaderCell>Template</TableHeaderCell>
              <TableHeaderCell>Precision</TableHeaderCell>
              <TableHeaderCell>Recall</TableHeaderCell>
              <TableHeaderCell>F1 change</TableHeaderCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {comparison.templates.map((t) => (
              <TableRow key={t.templateId}>
                <TableCell>{t.name}</TableCell>
                <TableCell>
                  {pct(t.before?.precision)} → {pct(t.after?.precision)}
                </TableCell>
                <TableCell>
                  {pct(t.before?.recall)} → {pct(t.after?.recall)}
                </TableCell>
                <TableCell
                  className={
                    (t.f1Delta ?? 0) < 0
                      ? "text-red-700"
                      : (t.f1Delta ?? 0) > 0
                        ? "text-emerald-700"
                        : ""
                  }
                >
                  {delta(t, b.version)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Card>
    </div>
  );
}
