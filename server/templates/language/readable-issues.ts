import type { z } from "zod";

/** What the thing at a path is called in the editor: "Tag 2", "Option 1 of variable 3". */
export function fieldNoun(path: readonly PropertyKey[]): string {
  const [section, index, field, sub] = path.map(String);
  const n = (value: string | undefined) => Number(value ?? 0) + 1;
  if (section === "tags" && index !== undefined) return `Tag ${n(index)}`;
  if (section === "variables" && index !== undefined) {
    if (field === "options" && sub !== undefined) return `Option ${n(sub)} of variable ${n(index)}`;
    return field ? `The ${field} of variable ${n(index)}` : `Variable ${n(index)}`;
  }
  if (section === "triggers" && index !== undefined) {
    return field ? `The ${field} of trigger ${n(index)}` : `Trigger ${n(index)}`;
  }
  if (section === undefined) return "The template";
  return `The ${section}`;
}

const article = (expected: string) =>
  expected === "array" ? "a list" : /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

/**
 * A zod error map for template drafts: every message zod would write for people ("Too big:
 * expected string to have <=100 characters") reworded, naming the field. Schema-level
 * messages written by hand take precedence over it.
 */
export const readableIssue: z.core.$ZodErrorMap = (issue) => {
  const noun = fieldNoun(issue.path ?? []);
  switch (issue.code) {
    case "too_big": {
      const max = Number(issue.maximum);
      if (issue.origin === "string") {
        const length = typeof issue.input === "string" ? issue.input.length : null;
        return `${noun} is too long: at most ${plural(max, "character")}${length === null ? "" : ` (it has ${length.toLocaleString("en-US")})`}.`;
      }
      if (issue.origin === "array") return `${noun} can have at most ${max} entries.`;
      return `${noun} must be at most ${max}.`;
    }
    case "too_small": {
      const min = Number(issue.minimum);
      if (issue.origin === "string") {
        return min <= 1
          ? `${noun} cannot be empty.`
          : `${noun} needs at least ${plural(min, "character")}.`;
      }
      if (issue.origin === "array") return `${noun} needs at least ${min} entries.`;
      return `${noun} must be at least ${min}.`;
    }
    case "invalid_type":
      if (issue.input === undefined) return `${noun} is missing.`;
      if (issue.expected === "object" && (issue.path ?? []).length === 0) {
        return "A template must be an object with at least a name and content.";
      }
      return `${noun} should be ${article(issue.expected)}.`;
    case "invalid_value":
      return `${noun} must be one of: ${issue.values.map(String).join(", ")}.`;
    case "invalid_format":
      return `${noun} is not in the expected format.`;
    case "unrecognized_keys":
      return `${noun} has fields Parley does not know: ${issue.keys.join(", ")}.`;
    default:
      return undefined;
  }
};
