import { memo } from "react";
import type { ContentDiagnostic } from "@/server/templates/language/ast";
import { listPlaceholders } from "@/server/templates/language/list-placeholders";

type Range = { from: number; to: number; kind: "placeholder" | "unknown" | "error" };

const kindClass: Record<Range["kind"], string> = {
  placeholder: "rounded-sm bg-accent-100",
  unknown: "rounded-sm bg-red-100",
  error: "underline decoration-red-500 decoration-wavy decoration-[1.5px] underline-offset-4",
};

function rangesOf(
  content: string,
  declared: ReadonlySet<string>,
  errors: readonly ContentDiagnostic[],
): Range[] {
  const ranges: Range[] = listPlaceholders(content).map((p) => ({
    from: p.offset,
    to: p.offset + p.length,
    kind: declared.has(p.name) ? "placeholder" : "unknown",
  }));
  for (const error of errors) {
    ranges.push({
      from: error.offset,
      to: error.offset + Math.max(1, error.length),
      kind: "error",
    });
  }
  return ranges;
}

type ContentOverlayProps = {
  content: string;
  declared: ReadonlySet<string>;
  errors: readonly ContentDiagnostic[];
  className: string;
};

/**
 * What sits behind the content textarea: the same text, invisible, with placeholders tinted
 * and errors underlined. Same font, padding and wrapping as the textarea, so the marks line up;
 * the textarea stays the real, readable text on top.
 */
export const ContentOverlay = memo(function ContentOverlay({
  content,
  declared,
  errors,
  className,
}: ContentOverlayProps) {
  const ranges = rangesOf(content, declared, errors);
  const cuts = new Set<number>([0, content.length]);
  for (const range of ranges) {
    cuts.add(Math.min(range.from, content.length));
    cuts.add(Math.min(range.to, content.length));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const pieces = [];
  for (let i = 0; i < points.length - 1; i++) {
    const from = points[i] ?? 0;
    const to = points[i + 1] ?? 0;
    const covering = ranges.filter((r) => r.from <= from && r.to >= to);
    const classes = [...new Set(covering.map((r) => kindClass[r.kind]))].join(" ");
    const text = content.slice(from, to);
    pieces.push(
      classes ? (
        <span key={from} className={classes}>
          {text}
        </span>
      ) : (
        text
      ),
    );
  }
  return (
    <div aria-hidden="true" className={className}>
      {pieces}
      {/* A trailing newline needs a character after it to take up its line, as in the textarea. */}
      {"\u200b"}
    </div>
  );
});
