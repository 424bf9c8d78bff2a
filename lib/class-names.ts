/** Joins class names, skipping empty values: `classNames("a", cond && "b")`. */
export function classNames(...values: (string | false | null | undefined)[]): string {
  return values.filter(Boolean).join(" ");
}
