import { z } from "zod";
import { MAX_CATEGORY_LENGTH, MAX_TAG_LENGTH, MAX_TAGS } from "@/server/templates/language/limits";
import { OUTPUT_FORMATS } from "@/server/templates/language/render-options";
import {
  type TemplateDraftInput,
  templateLanguageSchema,
  templateStatusSchema,
} from "@/server/templates/language/template-schema";
import { BULK_ACTIONS, MAX_BULK_TEMPLATES } from "@/server/templates/store/bulk-actions";
import { EXPORT_FORMATS, IMPORT_FORMATS } from "@/server/templates/store/import-export";
import { IMPORT_MODES } from "@/server/templates/store/import-modes";
import { LIST_SORTS } from "@/server/templates/store/list-templates";
import { TEMPLATE_VISIBILITIES } from "@/server/templates/store/visibility";
import { safeName, safeText } from "@/server/validation/text";

/**
 * Inputs of the templates router. Drafts pass through as objects typed as the core's
 * TemplateDraftInput and are checked by validateTemplate in the store, the same gate imports
 * go through, so every problem comes back at once with its field path.
 */
export const templateDraftInput = z.custom<TemplateDraftInput>(
  (value) => typeof value === "object" && value !== null && !Array.isArray(value),
  "Send the template as an object.",
);

export const idInput = z.object({ id: z.uuid() });
export const versionInput = z.object({ id: z.uuid(), version: z.number().int().min(1) });

const cursor = safeText({ max: 500, label: "The cursor" }).nullish();
const limit = z.number().int().min(1).max(100).default(50);
const language = safeText({ max: 35, min: 1, trim: true, label: "The language" }).optional();
const tag = safeName({ max: MAX_TAG_LENGTH, label: "A tag" });

export const listInput = z.object({
  cursor,
  limit,
  status: templateStatusSchema.optional(),
  categoryId: z.uuid().optional(),
  tag: tag.optional(),
  language,
  favourites: z.boolean().optional(),
  /** "mine": the caller's personal templates; "shared": everyone's and admins-only ones. */
  owner: z.enum(["mine", "shared"]).optional(),
  sort: z.enum(LIST_SORTS).default("updated"),
});

export const favouriteInput = z.object({ id: z.uuid(), favourite: z.boolean() });

export const searchInput = z.object({
  query: safeText({ max: 200, multiline: true, label: "The search" }),
  cursor,
  limit,
  status: templateStatusSchema.optional(),
  categoryId: z.uuid().optional(),
  tags: z.array(tag).max(MAX_TAGS).optional(),
  language,
  owner: z.enum(["mine", "shared"]).optional(),
});

const visibility = z.enum(TEMPLATE_VISIBILITIES, {
  error: "Choose personal, everyone or admins.",
});

/** A draft, and who sees it (default: shared for admins, personal for agents). */
export const createInput = templateDraftInput.and(z.object({ visibility: visibility.optional() }));

export const updateInput = templateDraftInput.and(
  z.object({
    id: z.uuid(),
    expectedVersion: z.number().int().min(1),
    /** Moves the template and its translations ("make personal" / "make shared"). */
    visibility: visibility.optional(),
  }),
);

/** A BCP 47 tag such as "fr" or "pt-BR". */
const languageTag = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8}){0,3}$/, "Use a language tag such as fr or pt-BR.");

export const addTranslationInput = z.object({
  id: z.uuid(),
  language: templateLanguageSchema.max(35),
});

export const validateInput = z.object({ draft: templateDraftInput });

const MAX_RENDER_VALUES = 200;
export const renderInput = z
  .object({
    id: z.uuid().optional(),
    draft: templateDraftInput.optional(),
    values: z
      .record(
        safeText({ max: 200, label: "A value name" }),
        safeText({ max: 10_000, multiline: true, label: "A value" }),
      )
      .refine((v) => Object.keys(v).length <= MAX_RENDER_VALUES, {
        message: `At most ${MAX_RENDER_VALUES} values.`,
      })
      .default({}),
    format: z.enum(OUTPUT_FORMATS).default("text"),
    /** The conversation's language: a saved template renders its variant in it (variants.ts). */
    language: languageTag.optional(),
    /** The inbox's conversation: a template under an A/B test renders its assigned variant. */
    conversationId: z.uuid().optional(),
  })
  .refine((v) => (v.id === undefined) !== (v.draft === undefined), {
    message: "Render either a saved template (id) or a draft, not both.",
    path: ["id"],
  });

export const MAX_IMPORT_BYTES = 10_000_000;
export const importInput = z.object({
  format: z.enum(IMPORT_FORMATS),
  content: z
    .string()
    .max(MAX_IMPORT_BYTES, `An import file is at most ${MAX_IMPORT_BYTES / 1_000_000} MB.`),
  dryRun: z.boolean().default(false),
  /** What happens to entries whose name a template already has (import-modes.ts). */
  mode: z.enum(IMPORT_MODES).default("skip"),
});

export const exportInput = z.object({
  format: z.enum(EXPORT_FORMATS),
  ids: z.array(z.uuid()).min(1).max(5_000).optional(),
});

const ids = z
  .array(z.uuid())
  .min(1, "Select at least one template.")
  .max(MAX_BULK_TEMPLATES, `At most ${MAX_BULK_TEMPLATES} templates at once.`);

export const idsInput = z.object({ ids });

export const bulkInput = z.object({
  ids,
  action: z.enum(BULK_ACTIONS),
  category: z
    .string()
    .trim()
    .max(MAX_CATEGORY_LENGTH, `A category name is at most ${MAX_CATEGORY_LENGTH} characters.`)
    .nullable()
    .optional(),
  tag: z
    .string()
    .trim()
    .min(1, "Type the tag to add.")
    .max(MAX_TAG_LENGTH, `A tag is at most ${MAX_TAG_LENGTH} characters.`)
    .optional(),
});

export const mergeCategoryInput = z.object({ id: z.uuid(), into: z.uuid() });

export const renameCategoryInput = z.object({
  id: z.uuid(),
  name: safeName({
    max: MAX_CATEGORY_LENGTH,
    label: "The category name",
    tooShort: "Name the category.",
  }),
});

/** templates.recordUse: the copy was recorded as a usage event (counts come from roll-ups). */
export const recordUseOutput = z.object({ recorded: z.literal(true) });
