/**
 * Translations as linked variants: a template and its translations are templates of their own
 * (each with its content, variables, triggers and versions) sharing `group_id`, one per
 * language. Why not a template_translations table: a variant needs everything a template has
 * (versions, validation, search, import/export, visibility), so it is one; the link is a column.
 *
 * pickVariant is what rendering, copying and suggestions call to answer "which text do I send
 * in a conversation in language X?". Pure: the caller loads the group (store/translations.ts
 * loadGroupVariants / pickTemplateVariant do that under the caller's visibility).
 */
export type Variant = { id: string; language: string; createdAt: Date };

/** "pt-BR" → "pt-br"; "PT" → "pt". BCP 47 tags compare case-insensitively. */
export function normalizeLanguage(tag: string): string {
  return tag.trim().replace(/_/g, "-").toLowerCase();
}

/** "pt-br" → "pt". */
export function primaryLanguage(tag: string): string {
  return normalizeLanguage(tag).split("-")[0] ?? "";
}

/** The group's original: its oldest variant (ties by id, so the choice is stable). */
export function originalVariant<T extends Variant>(group: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const v of group) {
    if (
      !best ||
      v.createdAt.getTime() < best.createdAt.getTime() ||
      (v.createdAt.getTime() === best.createdAt.getTime() && v.id < best.id)
    ) {
      best = v;
    }
  }
  return best;
}

/** The variant written in `language`: exactly, else one of the same primary language. */
function matching<T extends Variant>(group: readonly T[], language: string): T | undefined {
  const wanted = normalizeLanguage(language);
  if (!wanted) return undefined;
  const exact = group.find((v) => normalizeLanguage(v.language) === wanted);
  if (exact) return exact;
  const primary = primaryLanguage(wanted);
  // "fr-CA" asked: a plain "fr" variant first, then any regional French, oldest first.
  const plain = group.find((v) => normalizeLanguage(v.language) === primary);
  if (plain) return plain;
  return originalVariant(group.filter((v) => primaryLanguage(v.language) === primary));
}

/**
 * The variant of a template group to use for a conversation in `language` (a BCP 47 tag, or
 * null when unknown): the variant in that language (exact tag, else same primary language),
 * else the one in the workspace's default language (`defaultLanguage`, e.g. its locale "en-US"),
 * else the group's original. Undefined only for an empty group.
 */
export function pickVariant<T extends Variant>(
  group: readonly T[],
  language: string | null | undefined,
  defaultLanguage: string,
): T | undefined {
  if (language) {
    const found = matching(group, language);
    if (found) return found;
  }
  return matching(group, defaultLanguage) ?? originalVariant(group);
}
