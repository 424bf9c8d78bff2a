/**
 * What a caller fills a template with: flat keys (`{"customer.first_name": "Ada"}`), nested
 * objects (`{customer: {first_name: "Ada"}}`) or both; the flat key wins.
 */
export type TemplateValue =
  | string
  | number
  | boolean
  | Date
  | null
  | undefined
  | { readonly [key: string]: TemplateValue };

export type TemplateValues = { readonly [key: string]: TemplateValue };

export type ScalarValue = string | number | boolean | Date;

export type Lookup =
  | { found: false }
  | { found: true; value: ScalarValue }
  | { found: true; value: "object" };

const isRecord = (value: TemplateValue): value is TemplateValues =>
  typeof value === "object" && value !== null && !(value instanceof Date);

/**
 * Own properties only: a name like `constructor` or `toString` is a valid variable name and
 * must not pick up Object.prototype. Blank strings count as not provided, so fallbacks apply.
 */
export function lookupValue(values: TemplateValues, name: string): Lookup {
  let value: TemplateValue;
  if (Object.hasOwn(values, name)) {
    value = values[name];
  } else {
    let current: TemplateValue = values;
    for (const part of name.split(".")) {
      if (!isRecord(current) || !Object.hasOwn(current, part)) return { found: false };
      current = current[part];
    }
    value = current;
  }
  if (value === null || value === undefined) return { found: false };
  if (typeof value === "string" && value.trim() === "") return { found: false };
  if (isRecord(value)) return { found: true, value: "object" };
  return { found: true, value };
}
