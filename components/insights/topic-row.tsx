import { Badge } from "@/components/ui/badge";
import { TableCell, TableRow } from "@/components/ui/table";
import type { PatternView } from "./types";

const change = (p: PatternView) =>
  p.changeRatio === null ? ((p.current ?? 0) > 0 ? "new" : "—") : `×${p.changeRatio.toFixed(2)}`;

/** One topic; `chart` null for an undated run (no chart, no halves). */
export function TopicRow({
  pattern: p,
  chart,
}: {
  pattern: PatternView;
  chart: { ticked: boolean; colour: string | null; toggle: () => void } | null;
}) {
  return (
    <TableRow data-testid="topic-row">
      {chart ? (
        <TableCell>
          <span className="flex items-center gap-2">
            <input
              type="checkbox"
              aria-label={`Chart ${p.topic}`}
              checked={chart.ticked}
              onChange={chart.toggle}
            />
            {chart.colour ? (
              <span
                aria-hidden="true"
                className="size-2.5 rounded-full"
                style={{ background: chart.colour }}
              />
            ) : null}
          </span>
        </TableCell>
      ) : null}
      <TableCell className="max-w-sm">
        <span className="font-medium text-zinc-900">{p.topic}</span>
        <p className="truncate text-xs text-zinc-500">{p.keyPhrases.join(", ")}</p>
        {p.examples.length > 0 ? (
          <details className="mt-1">
            <summary className="cursor-pointer text-xs text-accent-700">
              {p.examples.length} example{p.examples.length === 1 ? "" : "s"}
            </summary>
            <ul className="mt-1 list-disc space-y-1 pl-5 text-xs text-zinc-600">
              {p.examples.map((text) => (
                <li key={text} data-testid="topic-example" className="break-words">
                  {text}
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </TableCell>
      <TableCell className="text-right tabular-nums" data-testid="topic-size">
        {p.size}
      </TableCell>
      {chart ? (
        <>
          <TableCell className="text-right tabular-nums">{p.previous}</TableCell>
          <TableCell className="text-right tabular-nums">{p.current}</TableCell>
          <TableCell className="text-right tabular-nums">{change(p)}</TableCell>
          <TableCell>
            {p.growing ? (
              <Badge tone="danger">growing</Badge>
            ) : (
              <span className="text-xs text-zinc-400">—</span>
            )}
          </TableCell>
        </>
      ) : null}
      <TableCell>
        {p.answered ? (
          <Badge tone="success">answered</Badge>
        ) : (
          <Badge tone="warning">not answered</Badge>
        )}
      </TableCell>
    </TableRow>
  );
}
