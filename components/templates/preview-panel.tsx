"use client";

import { useDeferredValue, useEffect, useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import type { TemplateVariable } from "@/server/templates/language/variable-schema";
import { exampleValue } from "./example-values";
import { createPreviewRegexExecutor, type PreviewRegexExecutor } from "./preview-regex-worker";
import {
  type Rendered,
  renderPreviewWithoutPatterns,
  renderPreviewWithPatterns,
} from "./preview-render";
import { SampleInput } from "./sample-input";
import type { RenderSettings } from "./template-types";

type PreviewPanelProps = {
  content: string;
  variables: readonly TemplateVariable[];
  values: Record<string, string>;
  onValuesChange: (values: Record<string, string>) => void;
  settings: RenderSettings;
};

const PREVIEW_CLASSES = [
  "min-h-24 rounded-md border border-zinc-200 bg-zinc-50 px-4 py-3 text-sm leading-6 break-words text-zinc-900",
  "[&_p+*]:mt-3 [&_ul+*]:mt-3 [&_ol+*]:mt-3 [&_ul]:list-disc [&_ol]:list-decimal [&_ul]:pl-5 [&_ol]:pl-5",
  "[&_a]:text-blue-700 [&_a]:underline [&_mark]:rounded-sm [&_mark]:bg-amber-200 [&_mark]:px-0.5",
].join(" ");

/**
 * The reply as an agent would send it, formatted, rendered in the browser with the same
 * renderer the server uses and the workspace's locale, currency and time zone. The HTML is the
 * renderer's: every literal character and value escaped, only its own tags (markdown.ts).
 * Variables' patterns run in a Web Worker with a time limit (preview-regex-worker.ts), so a
 * catastrophic pattern cannot freeze the author's tab.
 */
export function PreviewPanel({
  content,
  variables,
  values,
  onValuesChange,
  settings,
}: PreviewPanelProps) {
  const deferredContent = useDeferredValue(content);
  const deferredValues = useDeferredValue(values);
  const input = useMemo(
    () => ({ content: deferredContent, variables, values: deferredValues, settings }),
    [deferredContent, variables, deferredValues, settings],
  );
  const immediate = useMemo(() => renderPreviewWithoutPatterns(input), [input]);
  const [checked, setChecked] = useState<Rendered | null>(null);
  const executor = useRef<PreviewRegexExecutor | null>(null);
  useEffect(() => {
    const created = createPreviewRegexExecutor();
    executor.current = created;
    return () => {
      created.dispose();
      executor.current = null;
    };
  }, []);
  useEffect(() => {
    if (immediate) return;
    let live = true;
    void renderPreviewWithPatterns(input, (jobs) => {
      const current = executor.current ?? createPreviewRegexExecutor();
      executor.current = current;
      return current.execute(jobs);
    }).then((result) => {
      if (live) setChecked(result);
    });
    return () => {
      live = false;
    };
  }, [immediate, input]);
  // While the worker checks patterns, the last checked preview stays on screen.
  const rendered: Rendered = immediate ??
    checked ?? { ok: true, result: { output: "", missing: [], invalid: [], diagnostics: [] } };
  const result = rendered.ok ? rendered.result : null;
  const invalid = new Map(result?.invalid.map((entry) => [entry.name, entry.message]));
  const missing = new Set(result?.missing);
  const problems = (result?.missing.length ?? 0) + (result?.invalid.length ?? 0);

  return (
    <Card aria-labelledby="preview-title">
      <CardHeader
        id="preview-title"
        title="Preview"
        description={`Rendered for ${settings.locale}, ${settings.currency}, ${settings.timeZone}.`}
        actions={
          variables.length > 0 ? (
            <>
              <Button
                variant="ghost"
                size="sm"
                onClick={() =>
                  onValuesChange(
                    Object.fromEntries(variables.map((v) => [v.name, exampleValue(v)])),
                  )
                }
              >
                Fill examples
              </Button>
              <Button variant="ghost" size="sm" onClick={() => onValuesChange({})}>
                Clear
              </Button>
            </>
          ) : null
        }
      />
      <CardBody className="space-y-4">
        {variables.length > 0 ? (
          <fieldset className="grid gap-3 sm:grid-cols-2">
            <legend className="sr-only">Sample values</legend>
            {variables.map((variable) => (
              <SampleInput
                key={variable.name}
                variable={variable}
                value={values[variable.name] ?? ""}
                onChange={(value) => onValuesChange({ ...values, [variable.name]: value })}
                invalid={invalid.get(variable.name)}
                missing={missing.has(variable.name)}
              />
            ))}
          </fieldset>
        ) : null}
        <div data-testid="template-preview" className={PREVIEW_CLASSES}>
          {rendered.ok ? (
            rendered.result.output === "" ? (
              <span className="text-zinc-400">Nothing to preview yet.</span>
            ) : (
              <div
                // biome-ignore lint/security/noDangerouslySetInnerHtml: the renderer escapes all text and values and emits only its own tags
                dangerouslySetInnerHTML={{ __html: rendered.result.output }}
              />
            )
          ) : (
            <span className="text-red-700">The preview cannot render: {rendered.message}</span>
          )}
        </div>
        <div data-testid="preview-problems" aria-live="polite" className="text-sm">
          {result && problems > 0 ? (
            <ul className="space-y-1 rounded-md border border-amber-200 bg-amber-50 px-3 py-2">
              {result.missing.map((name) => (
                <li key={`missing-${name}`} className="text-amber-900">
                  <code className="font-mono text-xs">{name}</code> is required and has no value.
                </li>
              ))}
              {result.invalid.map((entry) => (
                <li key={`invalid-${entry.name}`} className="text-red-700">
                  <code className="font-mono text-xs">{entry.name}</code> is invalid:{" "}
                  {entry.message}
                </li>
              ))}
            </ul>
          ) : result ? (
            <p className="text-emerald-700">Every required variable is filled in correctly.</p>
          ) : null}
        </div>
      </CardBody>
    </Card>
  );
}
