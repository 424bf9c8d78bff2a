import { and, desc, eq, inArray, isNull, ne, or, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { templates } from "@/db/schema";
import { MAX_TEMPLATE_NAME_LENGTH } from "../language/limits";
import type { TemplateDraft } from "../language/template-schema";

/**
 * What an import does with an entry whose name a template of the workspace already has
 * (names compared regardless of case, templates in the trash ignored):
 * - skip: leave the existing template alone and create nothing;
 * - overwrite: save the entry as the existing template's next version (history kept);
 * - copy: create a new template named "<name> (copy)", "(copy 2)", …
 * Entries with new names are created in every mode.
 */
export const IMPORT_MODES = ["skip", "overwrite", "copy"] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

export type ImportAction = "create" | "skip" | "overwrite" | "unchanged" | "copy";

/** One entry of the file and what the import did (or, on a dry run, would do) with it. */
export type ImportOutcome = {
  /** The entry's name in the file. */
  name: string;
  action: ImportAction;
  /** The name the template is saved under (differs from `name` for copies). */
  savedAs: string;
  /** The existing template the entry matched, for skip / overwrite / unchanged / copy. */
  existingId: string | null;
  /** The template written (new or overwritten); null on a dry run and for skips. */
  templateId: string | null;
};

type Existing = { id: string; name: string };

/** The newest live shared template per lower-cased name among `names`. */
export async function existingByName(
  tx: Tx,
  workspaceId: string,
  names: string[],
): Promise<Map<string, Existing>> {
  const byName = new Map<string, Existing>();
  const keys = [...new Set(names.map((n) => n.toLowerCase()))];
  if (keys.length === 0) return byName;
  const rows = await tx
    .select({ id: templates.id, name: templates.name })
    .from(templates)
    .where(
      and(
        eq(templates.workspaceId, workspaceId),
        isNull(templates.deletedAt),
        // Imports write shared templates: nobody's personal template is matched or overwritten.
        ne(templates.visibility, "personal"),
        inArray(sql`lower(${templates.name})`, keys),
      ),
    )
    .orderBy(desc(templates.updatedAt), desc(templates.id));
  for (const row of rows) {
    const key = row.name.toLowerCase();
    if (!byName.has(key)) byName.set(key, row);
  }
  return byName;
}

/** Every live name (lower-cased) that starts like a copy of one of `names`. */
async function takenCopyNames(tx: Tx, workspaceId: string, names: string[]): Promise<Set<string>> {
  const taken = new Set<string>();
  if (names.length === 0) return taken;
  const likeLiteral = (s: string) => s.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
  const patterns = [...new Set(names.map((n) => `${likeLiteral(copyBase(n))} (copy%`))];
  const rows = await tx
    .select({ name: templates.name })
    .from(templates)
    .where(
      and(
        eq(templates.workspaceId, workspaceId),
        isNull(templates.deletedAt),
        ne(templates.visibility, "personal"),
        or(...patterns.map((p) => sql`lower(${templates.name}) like ${p}`)),
      ),
    );
  for (const row of rows) taken.add(row.name.toLowerCase());
  return taken;
}

/** The name without room for the longest suffix we add, so a copy name never exceeds the limit. */
function copyBase(name: string): string {
  return name.slice(0, MAX_TEMPLATE_NAME_LENGTH - " (copy 9999)".length);
}

/** "<name> (copy)", then "(copy 2)", … the first one no live template (nor this import) uses. */
function copyName(name: string, taken: Set<string>): string {
  const base = copyBase(name);
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? `${base} (copy)` : `${base} (copy ${n})`;
    if (!taken.has(candidate.toLowerCase())) {
      taken.add(candidate.toLowerCase());
      return candidate;
    }
  }
}

export type PlannedEntry = {
  draft: TemplateDraft;
  outcome: ImportOutcome;
};

/**
 * Decides, per entry of the file, what the import does with it under `mode`. Reads only:
 * the dry run shows this plan, the real import carries it out (import-export.ts).
 */
export async function planImport(
  tx: Tx,
  workspaceId: string,
  drafts: TemplateDraft[],
  mode: ImportMode,
): Promise<PlannedEntry[]> {
  const names = drafts.map((d) => d.name);
  const existing = await existingByName(tx, workspaceId, names);
  const taken =
    mode === "copy"
      ? await takenCopyNames(
          tx,
          workspaceId,
          names.filter((n) => existing.has(n.toLowerCase())),
        )
      : new Set<string>();
  return drafts.map((draft) => {
    const match = existing.get(draft.name.toLowerCase()) ?? null;
    const outcome: ImportOutcome = {
      name: draft.name,
      action: "create",
      savedAs: draft.name,
      existingId: match?.id ?? null,
      templateId: null,
    };
    if (!match) return { draft, outcome };
    if (mode === "skip") return { draft, outcome: { ...outcome, action: "skip" } };
    if (mode === "overwrite") return { draft, outcome: { ...outcome, action: "overwrite" } };
    const savedAs = copyName(draft.name, taken);
    return { draft: { ...draft, name: savedAs }, outcome: { ...outcome, action: "copy", savedAs } };
  });
}

/** How many entries each action covers: the report's headline. */
export function countActions(outcomes: ImportOutcome[]): Record<ImportAction, number> {
  const counts: Record<ImportAction, number> = {
    create: 0,
    skip: 0,
    overwrite: 0,
    unchanged: 0,
    copy: 0,
  };
  for (const o of outcomes) counts[o.action]++;
  return counts;
}
