import { type AppError, badRequest } from "@/server/errors";
import type { RenderResult } from "../language/render-template";
import type { TemplateVariable } from "../language/variable-schema";
import type { Precomputed } from "../regex/precomputed-regex";
import type { RegexBudget } from "../regex/regex-budget";

const listNames = (names: string[]) =>
  names.length <= 3
    ? names.join(", ")
    : `${names.slice(0, 3).join(", ")} and ${names.length - 3} more`;

/**
 * The request's time for patterns ran out: BAD_REQUEST with one field error per variable
 * whose pattern was stopped or never checked (`draft.variables.<i>.pattern`, or `values.<name>`
 * for a saved template), in words an author
 * can act on. Rendering with those values unchecked would pass off unchecked values as valid.
 */
export function patternsStoppedError(
  variables: readonly TemplateVariable[],
  invalid: RenderResult["invalid"],
  stopped: Precomputed<unknown>["stopped"],
  budget: RegexBudget,
  options: { fieldOf: (index: number, name: string) => string },
): AppError {
  // Each variable is checked once, and its invalid entry ends with its pattern's outcome
  // message (format-value.ts): that tells which variables were stopped, and how.
  const reasonOf = (message: string) =>
    stopped.find((s) => message.endsWith(s.outcome.message))?.outcome.reason;
  const reasons = new Map(invalid.map((entry) => [entry.name, reasonOf(entry.message)]));
  const fieldErrors: Record<string, string[]> = {};
  const names: string[] = [];
  variables.forEach((variable, index) => {
    const reason = reasons.get(variable.name);
    if (reason === undefined) return;
    names.push(variable.name);
    fieldErrors[options.fieldOf(index, variable.name)] = [
      reason === "timeout"
        ? `The pattern of ${variable.name} took too long on this value and was stopped. Simplify it: avoid repeating a group whose alternatives can match the same text, such as (a|a)*.`
        : `The pattern of ${variable.name} was not checked: the patterns before it used up the time this request allows.`,
    ];
  });
  const which = names.length > 0 ? ` of ${listNames(names)}` : "";
  return badRequest(
    `Checking the value patterns${which} took longer than one request allows (${budget.ms} ms for all patterns together), so the template was not rendered. Simplify the patterns.`,
    fieldErrors,
  );
}
