import type { ContentDiagnostic } from "@/server/templates/language/ast";

type ContentDiagnosticsProps = {
  id: string;
  errors: readonly ContentDiagnostic[];
  onJump: (diagnostic: ContentDiagnostic) => void;
  /** Offered for placeholders with no declared variable. */
  onDeclare?: (name: string) => void;
};

/** The parser's errors under the content, each a button that selects the place it names. */
export function ContentDiagnostics({ id, errors, onJump, onDeclare }: ContentDiagnosticsProps) {
  if (errors.length === 0) {
    return (
      <p id={id} className="text-xs text-zinc-500">
        Placeholders look like <code className="font-mono">{"{order_id}"}</code> or{" "}
        <code className="font-mono">{"{name|there}"}</code> with a fallback; type{" "}
        <kbd className="font-mono">{"{"}</kbd> to pick a variable. Write{" "}
        <code className="font-mono">{"{{"}</code> for a literal brace.
      </p>
    );
  }
  return (
    <div id={id} className="rounded-md border border-red-200 bg-red-50 px-3 py-2">
      <p className="text-sm font-medium text-red-800">
        {errors.length === 1 ? "1 problem" : `${errors.length} problems`} in the content
      </p>
      <ul className="mt-1 space-y-1">
        {errors.slice(0, 50).map((error) => (
          <li
            key={`${error.code}-${error.offset}`}
            className="flex flex-wrap items-baseline gap-x-2 text-sm"
          >
            <button
              type="button"
              onClick={() => onJump(error)}
              className="shrink-0 rounded font-mono text-xs text-red-700 underline underline-offset-2 hover:text-red-900"
            >
              Line {error.line}, column {error.column}
            </button>
            <span className="min-w-0 text-red-800">{error.message}</span>
            {error.code === "undeclared-variable" && error.name && onDeclare ? (
              <button
                type="button"
                onClick={() => onDeclare(error.name ?? "")}
                className="rounded text-xs font-medium text-accent-700 underline underline-offset-2"
              >
                Declare “{error.name}”
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {errors.length > 50 ? (
        <p className="mt-1 text-xs text-red-700">…and {errors.length - 50} more.</p>
      ) : null}
    </div>
  );
}
