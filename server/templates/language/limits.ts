/**
 * Size limits of a template. They keep a template something a person reads in one screen and
 * bound the work of parsing, rendering and indexing it; the zod schemas enforce them.
 */
export const MAX_CONTENT_LENGTH = 20_000;
export const MAX_VARIABLES = 50;
export const MAX_TRIGGERS = 50;
export const MAX_VARIABLE_NAME_LENGTH = 64;
export const MAX_TEMPLATE_NAME_LENGTH = 200;
export const MAX_CATEGORY_LENGTH = 100;
export const MAX_TAGS = 20;
export const MAX_TAG_LENGTH = 50;
export const MAX_FALLBACK_LENGTH = 500;
export const MAX_DESCRIPTION_LENGTH = 500;
export const MAX_SELECT_OPTIONS = 100;
export const MAX_OPTION_LENGTH = 200;
export const MAX_TRIGGER_VALUE_LENGTH = 200;
export const MAX_TRIGGER_WEIGHT = 10;

/** `customer`, `order_id`, `customer.first_name`: identifiers joined by dots. */
export const VARIABLE_NAME_PATTERN = /^[a-zA-Z_][a-zA-Z0-9_]*(\.[a-zA-Z_][a-zA-Z0-9_]*)*$/;

/** Explains why a name is not a valid variable name, or returns null when it is. */
export function variableNameProblem(name: string): string | null {
  if (name.length === 0) return "The variable name is empty.";
  if (name.length > MAX_VARIABLE_NAME_LENGTH) {
    return `The variable name is ${name.length} characters long; the limit is ${MAX_VARIABLE_NAME_LENGTH}.`;
  }
  if (!VARIABLE_NAME_PATTERN.test(name)) {
    return `"${name}" is not a valid variable name: use letters, digits and underscores, not starting with a digit, with dots between parts (customer.first_name).`;
  }
  return null;
}
