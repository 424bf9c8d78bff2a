import { suggestName } from "../language/suggest-name";
import { type TemplateTrigger, TRIGGER_REGEX_FLAGS } from "../language/trigger-schema";
import { checkPattern } from "../regex/analyze-pattern";

export const DEFAULT_SENTIMENTS = ["positive", "neutral", "negative"] as const;

export interface TriggerVocabulary {
  /** The workspace's intent labels (from its training data). */
  intents: readonly string[];
  sentiments?: readonly string[];
}

export interface TriggerProblem {
  index: number;
  message: string;
}

function checkLabel(kind: string, value: string, allowed: readonly string[]): string | null {
  if (allowed.includes(value)) return null;
  const suggestion = suggestName(value, allowed);
  if (suggestion) return `Unknown ${kind} "${value}"; did you mean "${suggestion}"?`;
  if (allowed.length === 0)
    return `The workspace has no ${kind}s yet, so "${value}" cannot be used.`;
  const shown = allowed.slice(0, 10).join(", ");
  const more = allowed.length > 10 ? `, … (${allowed.length} in all)` : "";
  return `Unknown ${kind} "${value}"; known ${kind}s: ${shown}${more}.`;
}

/**
 * Checks what the trigger schema cannot know on its own: intent and sentiment values against
 * the workspace's vocabulary. Regex triggers are screened again (compiles, no nested
 * repetition) so this is a complete check even for triggers that skipped the schema.
 */
export function validateTriggers(
  triggers: readonly TemplateTrigger[],
  vocabulary: TriggerVocabulary,
): TriggerProblem[] {
  const problems: TriggerProblem[] = [];
  const sentiments = vocabulary.sentiments ?? DEFAULT_SENTIMENTS;
  triggers.forEach((trigger, index) => {
    let message: string | null = null;
    if (trigger.kind === "regex") {
      const check = checkPattern(trigger.value, TRIGGER_REGEX_FLAGS);
      message = check.ok ? null : check.message;
    } else if (trigger.kind === "intent") {
      message = checkLabel("intent", trigger.value, vocabulary.intents);
    } else if (trigger.kind === "sentiment") {
      message = checkLabel("sentiment", trigger.value, sentiments);
    }
    if (message) problems.push({ index, message });
  });
  return problems;
}
