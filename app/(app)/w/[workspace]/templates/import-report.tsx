import type { TemplateImportResult } from "@/components/templates/template-types";
import { Alert } from "@/components/ui/alert";
import { pluralize } from "@/lib/format";

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
      ) : dryRun ? (
        <Alert tone="success" title="Ready to import">
          {pluralize(result.imported, "template")} will be created. Nothing has been saved yet.
        </Alert>
      ) : result.committed ? (
        <Alert tone="success" title="Import complete">
          {pluralize(result.imported, "template")} created.
        </Alert>
      ) : (
        <Alert tone="warning" title="Nothing was imported">
          The file holds no templates.
        </Alert>
      )}

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
