import { Fragment, useMemo } from "react";
import { diffLines, foldUnchanged } from "./line-diff";

const rowClass = {
  same: "text-zinc-600",
  removed: "bg-red-50 text-red-900",
  added: "bg-emerald-50 text-emerald-900",
} as const;

const sign = { same: " ", removed: "−", added: "+" } as const;

/** A unified line diff, unchanged stretches folded, with old and new line numbers. */
export function LineDiffView({ before, after }: { before: string; after: string }) {
  const chunks = useMemo(() => foldUnchanged(diffLines(before, after), 3), [before, after]);
  const changed = chunks.some(
    (chunk) => chunk.kind === "lines" && chunk.lines.some((line) => line.kind !== "same"),
  );
  if (!changed) return <p className="text-sm text-zinc-500">The content is the same.</p>;
  return (
    <div className="overflow-x-auto rounded-md border border-zinc-200">
      <table className="w-full border-collapse font-mono text-xs leading-5">
        <caption className="sr-only">Content changes, line by line</caption>
        <tbody>
          {chunks.map((chunk, index) =>
            chunk.kind === "folded" ? (
              // biome-ignore lint/suspicious/noArrayIndexKey: chunks are positional
              <tr key={index} className="bg-zinc-50 text-zinc-500">
                <td colSpan={4} className="px-3 py-1 text-center font-sans">
                  {chunk.count} unchanged {chunk.count === 1 ? "line" : "lines"}
                </td>
              </tr>
            ) : (
              // biome-ignore lint/suspicious/noArrayIndexKey: chunks are positional
              <Fragment key={index}>
                {chunk.lines.map((line, lineIndex) => (
                  <tr
                    // biome-ignore lint/suspicious/noArrayIndexKey: lines are positional
                    key={lineIndex}
                    className={rowClass[line.kind]}
                  >
                    <td className="w-10 px-2 text-right text-zinc-400 select-none">
                      {line.kind === "added" ? "" : line.oldLine}
                    </td>
                    <td className="w-10 px-2 text-right text-zinc-400 select-none">
                      {line.kind === "removed" ? "" : line.newLine}
                    </td>
                    <td className="w-5 text-center select-none" aria-hidden="true">
                      {sign[line.kind]}
                    </td>
                    <td className="pr-3 break-words whitespace-pre-wrap">
                      <span className="sr-only">
                        {line.kind === "added"
                          ? "Added: "
                          : line.kind === "removed"
                            ? "Removed: "
                            : ""}
                      </span>
                      {line.text || "\u00a0"}
                    </td>
                  </tr>
                ))}
              </Fragment>
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}
