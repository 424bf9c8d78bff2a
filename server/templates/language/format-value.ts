import { checkPattern } from "../regex/analyze-pattern";
import type { RegexRunner } from "../regex/regex-runner";
import { parseIsoDate } from "./parse-date";
import type { Formatters } from "./render-options";
import type { ScalarValue } from "./template-values";
import { type TemplateVariable, VARIABLE_PATTERN_FLAGS } from "./variable-schema";

export type Formatted = { ok: true; text: string } | { ok: false; text: string; message: string };

/** Plain decimal notation only: "1,234" means different numbers in en-US and de-DE. */
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const EMAIL = /^[^\s@<>()[\]",;:]+@[^\s@<>()[\]",;:]+\.[^\s@<>()[\]",;:.]{2,}$/;
const MAX_EMAIL_LENGTH = 254;

function asText(value: ScalarValue): string {
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? "Invalid Date" : value.toISOString();
  return String(value).trim();
}

function toNumber(value: ScalarValue): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string" && DECIMAL.test(value.trim())) {
    const n = Number(value.trim());
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

function isHttpUrl(text: string): boolean {
  if (!/^https?:\/\/\S+$/i.test(text)) return false;
  try {
    const url = new URL(text);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}

function formatDate(value: ScalarValue, f: Formatters): string | null {
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? null : f.dateTime.format(value);
  }
  if (typeof value !== "string") return null;
  const parsed = parseIsoDate(value);
  if (!parsed) return null;
  if (parsed.kind === "date") return f.date.format(parsed.utc);
  if (parsed.kind === "wall") return f.wallDateTime.format(parsed.utc);
  return f.dateTime.format(parsed.utc);
}

/** Checks the value's type and formats it; the raw text is kept for showing an invalid value. */
function formatByType(variable: TemplateVariable, value: ScalarValue, f: Formatters): Formatted {
  const raw = asText(value);
  const fail = (message: string): Formatted => ({ ok: false, text: raw, message });
  switch (variable.type) {
    case "text":
      return { ok: true, text: typeof value === "string" ? value : raw };
    case "number": {
      const n = toNumber(value);
      return n === null
        ? fail(`"${raw}" is not a number; write it like 1234.5.`)
        : { ok: true, text: f.number.format(n) };
    }
    case "currency": {
      const n = toNumber(value);
      return n === null
        ? fail(`"${raw}" is not an amount; write it like 1234.5.`)
        : { ok: true, text: f.currency.format(n) };
    }
    case "date": {
      const text = formatDate(value, f);
      return text === null
        ? fail(
            `"${raw}" is not a date; use a date like 2024-03-05 or a date and time like 2024-03-05T14:30.`,
          )
        : { ok: true, text };
    }
    case "select": {
      const options = variable.options ?? [];
      return options.includes(raw)
        ? { ok: true, text: raw }
        : fail(`"${raw}" is not one of the options: ${options.join(", ")}.`);
    }
    case "email":
      return raw.length <= MAX_EMAIL_LENGTH && EMAIL.test(raw)
        ? { ok: true, text: raw }
        : fail(`"${raw}" is not an email address.`);
    case "url":
      return isHttpUrl(raw)
        ? { ok: true, text: raw }
        : fail(`"${raw}" is not a web address; it must start with https:// or http://.`);
  }
}

/**
 * Validates and formats one provided value: its type first, then the variable's pattern,
 * which must match the whole value (as HTML's `pattern` attribute does).
 */
export function formatValue(
  variable: TemplateVariable,
  value: ScalarValue,
  formatters: Formatters,
  runRegex: RegexRunner,
): Formatted {
  const typed = formatByType(variable, value, formatters);
  if (!typed.ok || variable.pattern === undefined) return typed;
  const raw = asText(value);
  // Variables normally arrive validated, but a preview renders unsaved ones too: screen the
  // pattern again (cheap) so an unbounded runner never meets a nested repetition.
  const check = checkPattern(variable.pattern, VARIABLE_PATTERN_FLAGS);
  if (!check.ok) {
    return {
      ok: false,
      text: raw,
      message: `The format of ${variable.name} cannot be checked: ${check.message}`,
    };
  }
  const outcome = runRegex(`^(?:${variable.pattern})$`, VARIABLE_PATTERN_FLAGS, raw);
  if (!outcome.ok) {
    return { ok: false, text: raw, message: `"${raw}" could not be checked: ${outcome.message}` };
  }
  if (!outcome.matched) {
    const hint = variable.description ? ` (${variable.description})` : "";
    return { ok: false, text: raw, message: `"${raw}" does not have the expected format${hint}.` };
  }
  return typed;
}
