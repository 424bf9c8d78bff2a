import { z } from "zod";
import { safeName, safeText } from "../../validation/text";
import { checkPattern } from "../regex/analyze-pattern";
import {
  MAX_DESCRIPTION_LENGTH,
  MAX_FALLBACK_LENGTH,
  MAX_OPTION_LENGTH,
  MAX_SELECT_OPTIONS,
  variableNameProblem,
} from "./limits";

export const VARIABLE_TYPES = [
  "text",
  "number",
  "date",
  "select",
  "email",
  "url",
  "currency",
] as const;
export const variableTypeSchema = z.enum(VARIABLE_TYPES);
export type VariableType = z.infer<typeof variableTypeSchema>;

/** Flags for a variable's validation pattern: the value must match it whole, like HTML's `pattern`. */
export const VARIABLE_PATTERN_FLAGS = "u";

export const variableNameSchema = z.string().superRefine((name, ctx) => {
  const problem = variableNameProblem(name);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

export const templateVariableSchema = z
  .object({
    name: variableNameSchema,
    type: variableTypeSchema,
    required: z.boolean().default(false),
    fallback: safeText({
      max: MAX_FALLBACK_LENGTH,
      multiline: true,
      label: "The fallback",
    }).optional(),
    options: z
      .array(
        safeName({
          max: MAX_OPTION_LENGTH,
          label: "An option",
          tooShort: "An option cannot be empty.",
        }),
      )
      .max(MAX_SELECT_OPTIONS)
      .optional(),
    // Length is checked with the pattern (checkPattern); the text rules apply like anywhere.
    pattern: safeText({
      max: Number.MAX_SAFE_INTEGER,
      label: "The pattern",
      normalize: false,
    }).optional(),
    description: safeText({
      max: MAX_DESCRIPTION_LENGTH,
      multiline: true,
      label: "The description",
    }).optional(),
  })
  .superRefine((variable, ctx) => {
    if (variable.type === "select") {
      const options = variable.options ?? [];
      if (options.length === 0) {
        ctx.addIssue({
          code: "custom",
          path: ["options"],
          message: `The select variable "${variable.name}" needs at least one option.`,
        });
      }
      const seen = new Set<string>();
      for (const option of options) {
        if (seen.has(option)) {
          ctx.addIssue({
            code: "custom",
            path: ["options"],
            message: `The option "${option}" is listed twice.`,
          });
        }
        seen.add(option);
      }
    } else if (variable.options !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["options"],
        message: `Only select variables have options; "${variable.name}" is ${variable.type}.`,
      });
    }
    if (variable.pattern !== undefined) {
      const check = checkPattern(variable.pattern, VARIABLE_PATTERN_FLAGS);
      if (!check.ok) ctx.addIssue({ code: "custom", path: ["pattern"], message: check.message });
    }
  });

export type TemplateVariable = z.output<typeof templateVariableSchema>;
export type TemplateVariableInput = z.input<typeof templateVariableSchema>;
