"use client";

import { useMutation } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTRPC } from "@/components/providers/trpc-react-provider";
import { Button } from "@/components/ui/button";
import { renderTemplate } from "@/server/templates/language/render-template";
import type { TemplateVariable } from "@/server/templates/language/variable-schema";
import type { RenderSettings } from "./template-types";

type CopyReplyProps = {
  content: string;
  variables: readonly TemplateVariable[];
  values: Record<string, string>;
  settings: RenderSettings;
  /** The saved template's id: a copy counts as a use of it. Null for an unsaved draft. */
  templateId: string | null;
};

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
): { text: string; html: string } | { problem: string } {
  try {
    const text = renderTemplate(content, variables, values, { ...settings, format: "text" });
    if (text.missing.length > 0) {
      return { problem: `Fill in ${text.missing.join(", ")} first.` };
    }
    if (text.invalid.length > 0) {
      return { problem: `Fix ${text.invalid.map((i) => i.name).join(", ")} first.` };
    }
    if (text.output.trim() === "") return { problem: "The reply is empty." };
    const html = renderTemplate(content, variables, values, { ...settings, format: "html" });
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
export function CopyReply({ content, variables, values, settings, templateId }: CopyReplyProps) {
  const trpc = useTRPC();
  const recordUse = useMutation(trpc.templates.recordUse.mutationOptions());
  const [state, setState] = useState<{ kind: "text" | "html"; ok: boolean } | null>(null);
  const reply = filledReply(content, variables, values, settings);
  const problem = "problem" in reply ? reply.problem : null;

  useEffect(() => {
    if (state === null) return;
    const timer = setTimeout(() => setState(null), 2500);
    return () => clearTimeout(timer);
  }, [state]);

  async function copy(kind: "text" | "html") {
    if ("problem" in reply) return;
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
      <Button size="sm" onClick={() => void copy("text")} disabled={problem !== null}>
        Copy reply
      </Button>
      <Button
        size="sm"
        variant="secondary"
        onClick={() => void copy("html")}
        disabled={problem !== null}
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
        ) : problem ? (
          <span className="text-zinc-600">{problem}</span>
        ) : null}
      </span>
    </div>
  );
}
