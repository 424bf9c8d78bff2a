import { z } from "zod";
import { formatCount as grouped } from "@/lib/format";
import { safeName, safeText } from "../../validation/text";
import {
  MAX_CATEGORY_LENGTH,
  MAX_CONTENT_LENGTH,
  MAX_TAG_LENGTH,
  MAX_TAGS,
  MAX_TEMPLATE_NAME_LENGTH,
  MAX_TRIGGERS,
  MAX_VARIABLES,
} from "./limits";
import { templateTriggerSchema } from "./trigger-schema";
import { templateVariableSchema } from "./variable-schema";

export const TEMPLATE_STATUSES = ["draft", "active", "archived"] as const;
export const templateStatusSchema = z.enum(TEMPLATE_STATUSES);
export type TemplateStatus = z.infer<typeof templateStatusSchema>;

const count = (input: unknown) => (Array.isArray(input) ? input.length : 0);

/** BCP 47 language tag as templates use it: `en`, `de`, `pt-BR`, `zh-Hant`. */
export const templateLanguageSchema = z
  .string()
  .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, "Use a language tag such as en, de or pt-BR.");

export const templateContentSchema = safeText({
  max: MAX_CONTENT_LENGTH,
  multiline: true,
  label: "The content",
});

/**
 * A template as an author writes it: what create/update accept, what importers produce and
 * what exports contain. Server-side fields (id, version, who and when) live in the database.
 */
export const templateDraftSchema = z
  .object({
    name: safeName({
      max: MAX_TEMPLATE_NAME_LENGTH,
      label: "The name",
      tooShort: "A template needs a name.",
      tooLong: `A name is at most ${MAX_TEMPLATE_NAME_LENGTH} characters.`,
    }),
    category: safeName({ max: MAX_CATEGORY_LENGTH, label: "The category" })
      .nullable()
      .default(null),
    content: templateContentSchema,
    status: templateStatusSchema.default("draft"),
    tags: z
      .array(safeName({ max: MAX_TAG_LENGTH, label: "A tag" }))
      .max(MAX_TAGS, `A template has at most ${MAX_TAGS} tags.`)
      .default([]),
    language: templateLanguageSchema.default("en"),
    variables: z
      .array(templateVariableSchema)
      .max(MAX_VARIABLES, {
        error: (issue) =>
          `The template declares ${grouped(count(issue.input))} variables; the limit is ${MAX_VARIABLES}.`,
      })
      .default([]),
    triggers: z
      .array(templateTriggerSchema)
      .max(MAX_TRIGGERS, {
        error: (issue) =>
          `The template has ${grouped(count(issue.input))} triggers; the limit is ${MAX_TRIGGERS}.`,
      })
      .default([]),
  })
  .superRefine((draft, ctx) => {
    const names = new Set<string>();
    draft.variables.forEach((variable, index) => {
      if (names.has(variable.name)) {
        ctx.addIssue({
          code: "custom",
          path: ["variables", index, "name"],
          message: `The variable "${variable.name}" is declared twice.`,
        });
      }
      names.add(variable.name);
    });
    const tags = new Set<string>();
    for (const tag of draft.tags) {
      if (tags.has(tag)) {
        ctx.addIssue({
          code: "custom",
          path: ["tags"],
          message: `The tag "${tag}" is listed twice.`,
        });
      }
      tags.add(tag);
    }
  });

export type TemplateDraft = z.output<typeof templateDraftSchema>;
export type TemplateDraftInput = z.input<typeof templateDraftSchema>;
