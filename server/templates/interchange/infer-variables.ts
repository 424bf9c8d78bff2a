import { listPlaceholders } from "../language/list-placeholders";
import type { TemplateVariableInput, VariableType } from "../language/variable-schema";

/**
 * Guesses a type from a variable's name, for formats that carry no declarations (CSV).
 * Only unambiguous endings: `order_number` stays text, since an identifier rendered with
 * digit grouping ("12,345") would be wrong, while a wrong "text" guess is merely plain.
 */
export function inferType(name: string): VariableType {
  const last = (name.split(".").at(-1) ?? name).toLowerCase();
  if (/(^|_)e?mail$/.test(last)) return "email";
  if (/(^|_)(url|link|website)$/.test(last)) return "url";
  if (/(^|_)date$|_(at|on)$/.test(last)) return "date";
  if (/(^|_)(amount|price|total|cost|fee|balance)$/.test(last)) return "currency";
  if (/(^|_)(count|quantity|qty)$/.test(last)) return "number";
  return "text";
}

/**
 * Declares a variable for every placeholder in the content, in order of first use. A
 * variable is required unless every use of it has its own fallback.
 */
export function inferVariables(content: string): TemplateVariableInput[] {
  const byName = new Map<string, TemplateVariableInput>();
  for (const placeholder of listPlaceholders(content)) {
    const needsValue = placeholder.fallback === undefined;
    const known = byName.get(placeholder.name);
    if (known) {
      known.required = known.required === true || needsValue;
    } else {
      byName.set(placeholder.name, {
        name: placeholder.name,
        type: inferType(placeholder.name),
        required: needsValue,
      });
    }
  }
  return [...byName.values()];
}
