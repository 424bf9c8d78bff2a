import { z } from "zod";
import { formatCount as grouped } from "@/lib/format";

/**
 * Text at the edge. Every procedure input that takes text, and every importer, checks it here,
 * so one set of rules holds for every way in:
 * - NUL is refused: PostgreSQL cannot store it in text, and it never belongs in what people type;
 * - lone surrogates are refused: they are not Unicode, and drivers turn them into U+FFFD or fail;
 * - bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069) are refused: they make
 *   text display in an order other than the one it is stored in ("Trojan Source");
 * - one-line fields (names, filters, ids) refuse every control character;
 * - names need a visible character: "\u200B" alone is not a name;
 * - text is stored NFC-normalised, so "é" typed two ways is one spelling (search, uniqueness).
 * Each rule is a field error with a message saying what to change.
 */
const LONE_SURROGATE = /\p{Surrogate}/u;
export const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;
/** C0, DEL and C1 controls. */
const LINE_CONTROLS = /\p{Cc}/u;
/** What shows nothing: white space, format characters (zero-width space, joiners, BOM, marks). */
const INVISIBLE = /^(?:[\s\p{Z}\p{Cf}\p{Cc}\u115F\u1160\u3164\uFFA0]|\u034F)*$/u;

export type TextProblemOptions = { multiline?: boolean };

/** Why `value` is not acceptable text, or null. The message completes "<label> …". */
export function textProblem(value: string, options: TextProblemOptions = {}): string | null {
  if (value.includes("\0")) return "contains a NUL character (\\0); remove it.";
  if (LONE_SURROGATE.test(value)) {
    return "contains an invalid character (a lone UTF-16 surrogate); paste it again as text.";
  }
  if (BIDI_CONTROLS.test(value)) {
    return "contains an invisible text-direction control (U+202A–U+202E or U+2066–U+2069); remove it.";
  }
  if (!options.multiline && LINE_CONTROLS.test(value)) {
    return "must be one line without control characters (tabs, line breaks).";
  }
  return null;
}

/** True when `value` shows at least one character. */
export function isVisible(value: string): boolean {
  return !INVISIBLE.test(value);
}

type Message = string | ((length: number) => string);

export type SafeTextOptions = {
  /** Characters, checked before anything else so a huge value costs nothing more. */
  max: number;
  /** After trimming. */
  min?: number;
  /** How the field is named in messages: "The name", "A tag". */
  label?: string;
  multiline?: boolean;
  /** Trim surrounding white space (names, filters). */
  trim?: boolean;
  /** NFC-normalise (default true; false for secrets, which must stay byte-for-byte). */
  normalize?: boolean;
  /** Refuse text that shows nothing (only spaces, zero-width characters). */
  visible?: boolean;
  tooLong?: Message;
  tooShort?: string;
};

const text = (message: Message, length: number) =>
  typeof message === "string" ? message : message(length);

/** A zod string with the rules above. Stays a ZodString, so `.optional()` etc. chain as usual. */
export function safeText(options: SafeTextOptions) {
  const label = options.label ?? "The text";
  const tooLong: Message =
    options.tooLong ??
    ((length) =>
      `${label} is ${grouped(length)} characters long; the limit is ${grouped(options.max)}.`);
  let schema = z
    .string({ error: `${label} must be text.` })
    .max(options.max, {
      error: (issue) =>
        text(tooLong, typeof issue.input === "string" ? issue.input.length : options.max + 1),
    })
    .superRefine((value, ctx) => {
      const problem = textProblem(value, { multiline: options.multiline });
      if (problem) ctx.addIssue({ code: "custom", message: `${label} ${problem}` });
    });
  if (options.normalize !== false) schema = schema.overwrite((value) => value.normalize("NFC"));
  if (options.trim) schema = schema.trim();
  if (options.min !== undefined) {
    schema = schema.min(options.min, options.tooShort ?? `${label} cannot be empty.`);
  }
  if (options.visible) {
    schema = schema.refine((value) => value.length === 0 || isVisible(value), {
      message: `${label} needs at least one visible character.`,
    });
  }
  return schema;
}

/** A one-line name: trimmed, at least one visible character. */
export function safeName(options: Omit<SafeTextOptions, "multiline" | "trim" | "visible">) {
  return safeText({ min: 1, ...options, trim: true, visible: true });
}

/** A secret (password, token): refused if unsafe, otherwise kept exactly as typed. */
export function safeSecret(options: Omit<SafeTextOptions, "trim" | "normalize" | "visible">) {
  return safeText({ ...options, normalize: false });
}
