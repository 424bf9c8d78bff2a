import type { TemplateVariable } from "@/server/templates/language/variable-schema";

/** A plausible sample for a variable, so the preview shows a realistic reply at once. */
export function exampleValue(variable: TemplateVariable): string {
  const name = variable.name.toLowerCase();
  switch (variable.type) {
    case "number":
      return "3";
    case "currency":
      return "49.90";
    case "date":
      return new Date().toISOString().slice(0, 10);
    case "email":
      return "alex@example.com";
    case "url":
      return "https://example.com/orders/10482";
    case "select":
      return variable.options?.[0] ?? "";
    case "text":
      if (variable.pattern) return variable.fallback ?? "";
      if (name.includes("first_name") || name.endsWith("name")) return "Alex";
      if (name.includes("order")) return "#10482";
      if (name.includes("agent")) return "Sam";
      return variable.fallback || name.split(".").at(-1)?.replaceAll("_", " ") || "";
  }
}
