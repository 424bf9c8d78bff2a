import { z } from "zod";
import { safeText } from "../../validation/text";
import { checkPattern, MAX_PATTERN_LENGTH } from "../regex/analyze-pattern";
import { MAX_TRIGGER_VALUE_LENGTH, MAX_TRIGGER_WEIGHT } from "./limits";

export const TRIGGER_KINDS = ["keyword", "phrase", "regex", "intent", "sentiment"] as const;
export const triggerKindSchema = z.enum(TRIGGER_KINDS);
export type TriggerKind = z.infer<typeof triggerKindSchema>;

/**
 * Trigger regexes match case-insensitively, without `u` so everyday escapes like `\-` work.
 * Values are trimmed: surrounding spaces in a pasted pattern are accidents, not intent.
 */
export const TRIGGER_REGEX_FLAGS = "i";

/**
 * The structural checks. Intent and sentiment values depend on the workspace's vocabulary,
 * so they are checked by validateTriggers (triggers/validate-triggers.ts), not here.
 */
export const templateTriggerSchema = z
  .object({
    kind: triggerKindSchema,
    value: safeText({
      max: MAX_PATTERN_LENGTH,
      min: 1,
      trim: true,
      label: "The trigger",
      tooShort: "A trigger needs a value.",
      tooLong: `A trigger is at most ${MAX_PATTERN_LENGTH} characters long.`,
    }),
    weight: z.number().finite().min(0).max(MAX_TRIGGER_WEIGHT).default(1),
    active: z.boolean().default(true),
  })
  .superRefine((trigger, ctx) => {
    if (trigger.kind === "regex") {
      const check = checkPattern(trigger.value, TRIGGER_REGEX_FLAGS);
      if (!check.ok) ctx.addIssue({ code: "custom", path: ["value"], message: check.message });
    } else if (trigger.value.length > MAX_TRIGGER_VALUE_LENGTH) {
      ctx.addIssue({
        code: "custom",
        path: ["value"],
        message: `A ${trigger.kind} trigger is at most ${MAX_TRIGGER_VALUE_LENGTH} characters long.`,
      });
    }
  });

export type TemplateTrigger = z.output<typeof templateTriggerSchema>;
export type TemplateTriggerInput = z.input<typeof templateTriggerSchema>;
