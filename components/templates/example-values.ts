import type { TemplateVariable } from "@/server/templates/language/variable-schema";

const CLASS_SAMPLES: Record<string, string> = {
  "A-Z": "KQRTMBLN",
  "a-z": "kqrtmbln",
  "0-9": "48213579",
  "A-Za-z": "KqRtMbLn",
  "A-Z0-9": "K4R2M8L1",
  "a-z0-9": "k4r2m8l1",
  "A-Za-z0-9": "K4r2M8l1",
};
const ESCAPE_SAMPLES: Record<string, string> = { d: "48213579", w: "k4r2m8l1", s: " " };

/**
 * A string matching a simple pattern (literals, [A-Z]-style classes, \d \w, and {n} {n,m}
 * + ? * quantifiers), checked against the pattern itself; null when the pattern is beyond
 * that (the example then falls back to the variable's fallback, if any).
 */
export function sampleForPattern(pattern: string): string | null {
  const source = pattern.replace(/^\^/, "").replace(/\$$/, "");
  let out = "";
  let i = 0;
  while (i < source.length) {
    let pool: string | null = null;
    const ch = source[i] ?? "";
    if (ch === "[") {
      const end = source.indexOf("]", i);
      if (end === -1) return null;
      pool = CLASS_SAMPLES[source.slice(i + 1, end)] ?? null;
      if (pool === null) return null;
      i = end + 1;
    } else if (ch === "\\") {
      const next = source[i + 1] ?? "";
      pool = ESCAPE_SAMPLES[next] ?? (/[^A-Za-z0-9]/.test(next) ? next : null);
      if (pool === null) return null;
      i += 2;
    } else if (/[()|.*+?{}]/.test(ch)) {
      return null;
    } else {
      pool = ch;
      i++;
    }
    let count = 1;
    const quantifier = /^\{(\d+)(?:,(\d*))?\}|^[+?*]/.exec(source.slice(i));
    if (quantifier) {
      if (quantifier[0] === "?" || quantifier[0] === "*") count = quantifier[0] === "?" ? 1 : 2;
      else if (quantifier[0] === "+") count = 2;
      else count = Number(quantifier[1]);
      i += quantifier[0].length;
    }
    for (let k = 0; k < count; k++) out += pool[k % pool.length];
  }
  try {
    return new RegExp(`^(?:${pattern})$`).test(out) ? out : null;
  } catch {
    return null;
  }
}

/** Realistic words for common variable names; agent and customer are different people. */
function textExample(name: string): string | null {
  const last = name.split(".").at(-1) ?? name;
  const who = name.includes("agent") ? "agent" : name.includes("customer") ? "customer" : null;
  if (who === "agent") {
    if (last.includes("first")) return "Sam";
    if (last.includes("email")) return "sam.rivera@acme.example";
    return "Sam Rivera";
  }
  if (last.includes("first_name")) return "Jordan";
  if (last.includes("last_name")) return "Lee";
  if (last === "name" || last.endsWith("_name")) {
    if (name.includes("workspace") || name.includes("company")) return "Acme Store";
    if (name.includes("product")) return "Trail Runner 2";
    return "Jordan Lee";
  }
  if (last.includes("tracking")) return "1Z999AA10123456784";
  if (last.includes("order")) return "#10482";
  if (last.includes("ticket") || last.includes("conversation")) return "#58213";
  if (last.includes("carrier")) return "UPS";
  if (last.includes("plan")) return "Pro";
  if (last.includes("city")) return "Lisbon";
  if (last.includes("phone")) return "+1 555 0142";
  if (last.includes("code") || last.includes("coupon")) return "WELCOME10";
  return null;
}

/**
 * A plausible, valid value for a variable, so the preview shows a realistic reply at once:
 * typed (dates, amounts, addresses), matching the variable's pattern and options, never the
 * variable's own name spelled out.
 */
export function exampleValue(variable: TemplateVariable): string {
  const name = variable.name.toLowerCase();
  switch (variable.type) {
    case "number":
      return name.includes("day") ? "5" : "3";
    case "currency":
      return "49.90";
    case "date": {
      // A few days ahead: most dates in replies are deliveries, renewals or appointments.
      const date = new Date(Date.now() + 3 * 24 * 60 * 60 * 1000);
      return date.toISOString().slice(0, 10);
    }
    case "email":
      return name.includes("agent") ? "sam.rivera@acme.example" : "jordan.lee@example.com";
    case "url":
      return name.includes("track")
        ? "https://track.example.com/1Z999AA10123456784"
        : "https://help.example.com/articles/returns";
    case "select":
      return variable.options?.[0] ?? "";
    case "text": {
      if (variable.pattern) {
        const sample = sampleForPattern(variable.pattern);
        if (sample !== null) return sample;
        return variable.fallback ?? "";
      }
      // Nothing known about the name: its fallback, or a neutral word so a required one is filled.
      return textExample(name) ?? (variable.fallback || "Example");
    }
  }
}
