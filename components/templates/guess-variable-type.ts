import type { VariableType } from "@/server/templates/language/variable-schema";

const rules: [RegExp, VariableType][] = [
  [/(^|[._])(e_?mail)($|[._])|email/i, "email"],
  [/(url|link|website|href)/i, "url"],
  [/(date|_at$|_on$|deadline|birthday|day$)/i, "date"],
  [/(amount|price|total|cost|refund|fee|balance|subtotal)/i, "currency"],
  [/(count|number_of|quantity|qty|days|hours|minutes)/i, "number"],
];

/** A first guess at a placeholder's type from its name; the author can change it. */
export function guessVariableType(name: string): VariableType {
  const last = name.split(".").at(-1) ?? name;
  for (const [pattern, type] of rules) if (pattern.test(last)) return type;
  return "text";
}
