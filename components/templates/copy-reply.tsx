"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTRPC } from "@/components/providers/trpc-react-provider";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import { formErrorMessage } from "@/lib/trpc-errors";
import { renderTemplate } from "@/server/templates/language/render-template";
import type { TemplateVariable } from "@/server/templates/language/variable-schema";
import { withPrecomputedRegex } from "@/server/templates/regex/precomputed-regex";
import type { RegexRunner } from "@/server/templates/regex/regex-runner";
import { createPreviewRegexExecutor, type PreviewRegexExecutor } from "./preview-regex-worker";
import type { RenderSettings } from "./template-types";

type CopyReplyProps = {
  content: string;
  variables: readonly TemplateVariable[];
  values: Record<string, string>;
  settings: RenderSettings;
  /** The saved template's id: a copy counts as a use of it. Null for an unsaved draft. */
  templateId: string | null;
  /** The template's own language: the default conversation language to copy for. */
  language: string;
};

/** Patterns are not run during render: every value passes until the click checks it. */
const PATTERNS_NOT_YET_RUN: RegexRunner = () => ({ ok: true, matched: true });

/**
 * Plain text and HTML of the reply, or why it cannot be copied yet. The renderer formats the
 * Markdown (paragraphs, <br>, lists, bold, italic, links) and escapes every value and every
 * literal character, so the HTML is safe to paste.
 */
export function filledReply(
  content: string,
  variables: readonly TemplateVariable[],
  values: Record<string, string>,
  settings: RenderSettings,
  runRegex: RegexRunner,
): { text: string; html: string } | { problem: string } {
  try {
    const options = { ...settings, runRegex };
    const text = renderTemplate(content, variables, values, { ...options, format: "text" });
    if (text.missing.length > 0) {
      return { problem: `Fill in ${text.missing.join(", ")} first.` };
    }
    if (text.invalid.length > 0) {
      return { problem: `Fix ${text.invalid.map((i) => i.name).join(", ")} first.` };
    }
    if (text.output.trim() === "") return { problem: "The reply is empty." };
    const html = renderTemplate(content, variables, values, { ...options, format: "html" });
    return { text: text.output, html: html.output };
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }
}

async function writeClipboard(text: string, html: string | null): Promise<void> {
  if (html !== null && typeof ClipboardItem !== "undefined" && navigator.clipboard?.write) {
    await navigator.clipboard.write([
      new ClipboardItem({
        "text/plain": new Blob([text], { type: "text/plain" }),
        "text/html": new Blob([html], { type: "text/html" }),
      }),
    ]);
    return;
  }
  await navigator.clipboard.writeText(text);
}

/**
 * "Copy reply" for agents: the reply filled in with the values above, as plain text, or as
 * HTML (rich paste into an email editor, with plain text alongside). Refuses while a required
 * value is missing or a value is invalid, and says which.
 */
export function CopyReply({
  content,
  variables,
  values,
  settings,
  templateId,
  language,
}: CopyReplyProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const recordUse = useMutation(trpc.templates.recordUse.mutationOptions());
  const variants = useQuery({
    ...trpc.templates.translations.list.queryOptions({ id: templateId ?? "" }),
    enabled: templateId !== null,
  });
  const languages = [...new Set([language, ...(variants.data ?? []).map((v) => v.language)])];
  // The conversation's language: another one copies that translation, rendered by the server
  // (templates.render picks the variant, as suggestions do).
  const [conversationLanguage, setConversationLanguage] = useState(language);
  const otherLanguage = templateId !== null && conversationLanguage !== language;
  const [state, setState] = useState<{ kind: "text" | "html"; ok: boolean } | null>(null);
  // While typing, missing values are shown without running patterns (they never run on the
  // page); a click runs them in the preview's bounded Web Worker before anything is copied.
  const draft = filledReply(content, variables, values, settings, PATTERNS_NOT_YET_RUN);
  const problem = "problem" in draft ? draft.problem : null;
  // A refused click's reason, shown until the inputs it was about change.
  const [refused, setRefused] = useState<{ for: unknown[]; message: string } | null>(null);
  const inputs = [content, variables, values];
  const checkProblem = refused?.for.every((x, i) => x === inputs[i]) ? refused.message : null;
  const executor = useRef<PreviewRegexExecutor | null>(null);
  useEffect(
    () => () => {
      executor.current?.dispose();
      executor.current = null;
    },
    [],
  );

  useEffect(() => {
    if (state === null) return;
    const timer = setTimeout(() => setState(null), 2500);
    return () => clearTimeout(timer);
  }, [state]);

  /** The reply in another language: the translation filled in with the same values. */
  async function copyTranslation(kind: "text" | "html", id: string) {
    const render = (format: "text" | "html") =>
      queryClient.fetchQuery({
        ...trpc.templates.render.queryOptions({
          id,
          values,
          format,
          language: conversationLanguage,
        }),
        staleTime: 0,
      });
    try {
      const text = await render("text");
      if (text.missing.length > 0 || text.invalid.length > 0) {
        const names = [...text.missing, ...text.invalid.map((i) => i.name)];
        setRefused({ for: inputs, message: `Fill in ${names.join(", ")} first.` });
        return;
      }
      const html = kind === "html" ? (await render("html")).output : null;
      await writeClipboard(text.output, html);
      setState({ kind, ok: true });
      recordUse.mutate({ id: text.variant?.id ?? id });
    } catch (error) {
      setRefused({ for: inputs, message: formErrorMessage(error) ?? "Could not copy." });
    }
  }

  async function copy(kind: "text" | "html") {
    if (otherLanguage && templateId !== null) return copyTranslation(kind, templateId);
    if (problem !== null) return;
    executor.current ??= createPreviewRegexExecutor();
    const current = executor.current;
    const { result: reply } = await withPrecomputedRegex(
      (runRegex) => filledReply(content, variables, values, settings, runRegex),
      (jobs) => current.execute(jobs),
    );
    if ("problem" in reply) {
      setRefused({ for: inputs, message: reply.problem });
      return;
    }
    try {
      await writeClipboard(reply.text, kind === "html" ? reply.html : null);
      setState({ kind, ok: true });
      if (templateId) recordUse.mutate({ id: templateId });
    } catch {
      setState({ kind, ok: false });
    }
  }

  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="copy-reply">
      {languages.length > 1 ? (
        <Select
          aria-label="Conversation language"
          value={conversationLanguage}
          onChange={(event) => setConversationLanguage(event.target.value)}
          className="h-8 w-auto"
        >
          {languages.map((tag) => (
            <option key={tag} value={tag}>
              Reply in {tag}
            </option>
          ))}
        </Select>
      ) : null}
      <Button
        size="sm"
        onClick={() => void copy("text")}
        disabled={problem !== null && !otherLanguage}
      >
        Copy reply
      </Button>
      <Button
        size="sm"
        variant="secondary"
        onClick={() => void copy("html")}
        disabled={problem !== null && !otherLanguage}
      >
        Copy as HTML
      </Button>
      <span role="status" className="text-sm">
        {state?.ok ? (
          <span className="text-emerald-700">
            {state.kind === "html" ? "Reply copied as HTML." : "Reply copied."}
          </span>
        ) : state ? (
          <span className="text-red-700">
            The browser did not allow copying; select the preview and copy it.
          </span>
        ) : (checkProblem ?? (otherLanguage ? null : problem)) ? (
          <span className="text-zinc-600">{checkProblem ?? problem}</span>
        ) : null}
      </span>
    </div>
  );
}
