import { listPlaceholders } from "@/server/templates/language/list-placeholders";
import { parseTemplateMemo } from "@/server/templates/language/parse-template-memo";
import { lookupValue, type TemplateValues } from "@/server/templates/language/template-values";
import type { TemplateVariable } from "@/server/templates/language/variable-schema";
import type { ExtractedValues } from "./extract-values";

export type Scalar = string | number | boolean;
/** What the caller knows: `{ customer: { first_name }, order: { id }, agent: { name } }`. */
export type SuggestionContext = Partial<
  Record<"customer" | "order" | "agent", Record<string, Scalar | null>>
>;

export interface Prefilled {
  /** Flat `name → value` for the renderer, only names the template uses. */
  values: Record<string, string>;
  /** Where each value came from. */
  sources: Record<string, "context" | "conversation">;
}

type Kind = keyof ExtractedValues;

/**
 * Which extracted value a placeholder wants, from its name and declared type. Standard
 * customer placeholders map exactly; a template's own variables by the words in their name
 * (`order_id`, `order.number`, `refund_amount`, `delivery_date`, `email`).
 */
function kindFor(name: string, variable: TemplateVariable | undefined): Kind | undefined {
  const n = name.toLowerCase();
  if (n === "customer.first_name" || /(^|[._])first_?name$/.test(n)) return "firstName";
  if (n === "customer.last_name" || /(^|[._])(last_?name|surname)$/.test(n)) return "lastName";
  if (n === "customer.name" || n === "customer_name" || n === "name") return "name";
  if (n.startsWith("agent.")) return undefined; // the agent's details never come from the customer
  if (/e-?mail/.test(n) || variable?.type === "email") return "email";
  if (/order/.test(n) && /(id|number|no|num|ref|code)$/.test(n)) return "orderNumber";
  if (n === "order" || n === "order_number" || n === "order_id") return "orderNumber";
  if (variable?.type === "currency" || /(amount|total|price|refund|charge|sum|cost)$/.test(n))
    return "amount";
  if (variable?.type === "date" || /(date|day)$/.test(n)) return "date";
  return undefined;
}

/**
 * Where the caller's context holds a value of each kind: a template's own `{order_id}` is the
 * help desk's `order.number` (or `order.id`) even though the names differ.
 */
const CONTEXT_PATHS: Partial<Record<Kind, readonly string[]>> = {
  orderNumber: ["order.number", "order.id"],
  email: ["customer.email"],
  firstName: ["customer.first_name"],
  lastName: ["customer.last_name"],
  name: ["customer.name"],
  amount: ["order.amount", "order.total"],
};

function contextValueOf(context: TemplateValues, kind: Kind): string | undefined {
  for (const path of CONTEXT_PATHS[kind] ?? []) {
    const known = lookupValue(context, path);
    if (known.found && known.value !== "object") return String(known.value);
  }
  return undefined;
}

/** A date variable takes ISO dates only (its type checks them); "March 3 2026" is converted. */
function asIsoDate(text: string): string | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
  if (!/\b\d{4}\b/.test(text)) return undefined; // no year: guessing one is worse than asking
  const parsed = new Date(`${text.replace(/(\d)(st|nd|rd|th)\b/, "$1")} UTC`);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed.toISOString().slice(0, 10);
}

/**
 * Values for the placeholders a template uses: the caller's context first (it comes from the
 * help desk's records), then what the customer wrote in the conversation.
 */
export function prefillValues(
  content: string,
  variables: readonly TemplateVariable[],
  context: SuggestionContext,
  extracted: ExtractedValues,
): Prefilled {
  const declared = new Map(variables.map((v) => [v.name, v]));
  const names = new Set([
    ...listPlaceholders(content, parseTemplateMemo).map((p) => p.name),
    ...declared.keys(),
  ]);
  const values: Record<string, string> = {};
  const sources: Prefilled["sources"] = {};
  const fromContext = context as TemplateValues;
  for (const name of names) {
    const known = lookupValue(fromContext, name);
    if (known.found && known.value !== "object") {
      values[name] = String(known.value);
      sources[name] = "context";
      continue;
    }
    const variable = declared.get(name);
    const kind = kindFor(name, variable);
    const fromContextByKind = kind ? contextValueOf(fromContext, kind) : undefined;
    if (fromContextByKind !== undefined) {
      values[name] = fromContextByKind;
      sources[name] = "context";
      continue;
    }
    let value = kind ? extracted[kind] : undefined;
    if (value !== undefined && kind === "date" && variable?.type === "date")
      value = asIsoDate(value);
    if (value !== undefined) {
      values[name] = value;
      sources[name] = "conversation";
    }
  }
  return { values, sources };
}
