import type { GapView } from "./types";

/** The suggested action in words: write a template, or teach an existing one more examples. */
export function suggestedActionText(action: GapView["suggestedAction"]): string {
  return action.kind === "create_template"
    ? "Create a template"
    : `Add examples to “${action.labelName ?? action.label}”`;
}
