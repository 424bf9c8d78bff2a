import type { TemplateImportResult } from "@/components/templates/template-types";
import { Alert } from "@/components/ui/alert";
import { pluralize } from "@/lib/format";

type Counts = TemplateImportResult["counts"];
type Action = keyof Counts;

const willDo: Record<Action, [string, string]> = {
  create: ["will be created", "created"],
  overwrite: ["will be saved as a new version of the existing template", "saved as a new version"],
  unchanged: ["match the existing template exactly", "left as they were (no changes)"],
  copy: ["will be created as copies", "created as copies"],
  skip: ["will be skipped (a template with that name exists)", "skipped"],
};

const order: Action[] = ["create", "overwrite", "copy", "unchanged", "skip"];

/** "2 templates will be created; 3 will be skipped (a template with that name exists)." */
export function outcomeSentence(counts: Counts, dryRun: boolean): string {
  const parts = order
    .filter((action) => counts[action] > 0)
    .map((action, i) => {
      const n = counts[action];
      const what = i === 0 ? pluralize(n, "template") : String(n);
      return `${what} ${willDo[action][dryRun ? 0 : 1]}`;
    });
  return parts.length > 0 ? `${parts.join("; ")}.` : "Nothing to import.";
}

const actionLabel: Record<Action, string> = {
  create: "New",
  overwrite: "Overwrite",
  unchanged: "Unchanged",
  copy: "Copy",
  skip: "Skip",
};

/** At most this many entries are listed; the counts above cover the rest. */
const MAX_LISTED = 200;

function OutcomeList({ result, dryRun }: { result: TemplateImportResult; dryRun: boolean }) {
  const shown = result.outcomes.slice(0, MAX_LISTED);
  return (
    <section aria-labelledby="import-outcomes-title" className="space-y-2">
      <h3 id="import-outcomes-title" className="text-sm font-semibold text-zinc-900">
        {dryRun ? "What each entry will do" : "What each entry did"}
      </h3>
      <ul
        className="max-h-64 divide-y divide-zinc-100 overflow-y-auto rounded-md border border-zinc-200"
        data-testid="import-outcomes"
      >
        {shown.map((entry, position) => (
          <li
            // biome-ignore lint/suspicious/noArrayIndexKey: the report's order is the file's
            key={position}
            className="flex items-start justify-between gap-3 px-3 py-2 text-sm"
          >
            <span className="min-w-0 break-words text-zinc-900">
              {entry.name}
              {entry.savedAs !== entry.name ? (
                <span className="text-zinc-600"> → {entry.savedAs}</span>
              ) : null}
            </span>
            <span className="shrink-0 rounded bg-zinc-100 px-1.5 py-0.5 text-xs font-medium text-zinc-700">
              {actionLabel[entry.action]}
            </span>
          </li>
        ))}
      </ul>
      {result.outcomes.length > shown.length ? (
        <p className="text-sm text-zinc-600">
          And {result.outcomes.length - shown.length} more entries, counted above.
        </p>
      ) : null}
    </section>
  );
}

/**
 * What an import did or would do: every rejected entry with where it is in the file and why,
 * and the foreign placeholders that were kept as plain text.
 */
export function ImportReport({
  result,
  dryRun,
}: {
  result: TemplateImportResult;
  dryRun: boolean;
}) {
  const rejected = result.rejected.length;
  // A rejection with neither line nor index is about the file as a whole, not an entry.
  const fileErrors = result.rejected.filter((r) => r.line === undefined && r.index === undefined);
  if (fileErrors.length > 0 && fileErrors.length === rejected) {
    return (
      <Alert tone="error" title="This file cannot be imported">
        <ul className="space-y-1">
          {fileErrors
            .flatMap((entry) => entry.errors)
            .map((message) => (
              <li key={message} className="break-words">
                {message}
              </li>
            ))}
        </ul>
      </Alert>
    );
  }
  return (
    <div className="space-y-4">
      {rejected > 0 ? (
        <Alert
          tone="error"
          title={dryRun ? "This file cannot be imported as it is" : "Nothing was imported"}
        >
          {pluralize(rejected, "entry", "entries")} of the file cannot be imported. An import is all
          or nothing: fix {rejected === 1 ? "it" : "them"} and try again.
        </Alert>
      ) : result.outcomes.length > 0 ? (
        <Alert
          tone={result.imported > 0 ? "success" : "info"}
          title={dryRun ? "Ready to import" : "Import complete"}
        >
          {outcomeSentence(result.counts, dryRun)}
          {dryRun ? " Nothing has been saved yet." : ""}
        </Alert>
      ) : (
        <Alert tone="warning" title="Nothing was imported">
          The file holds no templates.
        </Alert>
      )}

      {result.outcomes.length > 0 ? <OutcomeList result={result} dryRun={dryRun} /> : null}

      {rejected > 0 ? (
        <section aria-labelledby="import-rejected-title" className="space-y-2">
          <h3 id="import-rejected-title" className="text-sm font-semibold text-zinc-900">
            Rejected ({rejected})
          </h3>
          <ul className="divide-y divide-zinc-100 rounded-md border border-zinc-200">
            {result.rejected.map((entry, position) => (
              <li
                // biome-ignore lint/suspicious/noArrayIndexKey: the report's order is the file's
                key={position}
                className="space-y-1 px-3 py-2 text-sm"
              >
                <p className="font-medium text-zinc-900">
                  {entry.line !== undefined
                    ? `Line ${entry.line}`
                    : entry.index !== undefined
                      ? `Entry ${entry.index + 1} (index ${entry.index})`
                      : "The file"}
                  {entry.name ? (
                    <span className="font-normal text-zinc-600"> — {entry.name}</span>
                  ) : null}
                </p>
                <ul className="list-disc space-y-0.5 pl-5 text-red-700">
                  {entry.errors.map((error) => (
                    <li key={error} className="break-words">
                      {error}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {result.unmapped.length > 0 ? (
        <section aria-labelledby="import-unmapped-title" className="space-y-2">
          <h3 id="import-unmapped-title" className="text-sm font-semibold text-zinc-900">
            Placeholders kept as text ({result.unmapped.length})
          </h3>
          <p className="text-sm text-zinc-600">
            These have no Parley equivalent and stay in the content as written; replace them with
            variables after importing.
          </p>
          <ul className="divide-y divide-zinc-100 rounded-md border border-zinc-200">
            {result.unmapped.map((entry) => (
              <li key={entry.template} className="px-3 py-2 text-sm">
                <p className="font-medium text-zinc-900">{entry.template}</p>
                <p className="mt-1 flex flex-wrap gap-1">
                  {entry.placeholders.map((placeholder) => (
                    <code
                      key={placeholder}
                      className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-xs text-zinc-700"
                    >
                      {placeholder}
                    </code>
                  ))}
                </p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
