import { type AnyColumn, type SQL, sql } from "drizzle-orm";
import { forbidden } from "@/server/errors";
import { roleAtLeast } from "@/server/workspaces/access";
import type { TenantScope } from "@/server/workspaces/scope";

/**
 * Personal and shared templates, inside one workspace. RLS keeps workspaces apart; this keeps
 * a member's personal templates to themselves and `admins` templates to admins and owners.
 *
 * - personal: seen and changed by its owner only (not by admins either: it is their notebook).
 * - everyone: seen by every member and key; changed by admins (and write keys).
 * - admins:   seen and changed by admins (and write keys) only.
 *
 * Every read of `templates` goes through templateVisibleTo; every change through
 * requireEditable (or assertMayCreate for new ones).
 */
export const TEMPLATE_VISIBILITIES = ["personal", "everyone", "admins"] as const;
export type TemplateVisibility = (typeof TEMPLATE_VISIBILITIES)[number];

/** Who is looking: a person (who may own personal templates) and whether they administer. */
export type Viewer = { userId: string | null; admin: boolean };

export function viewerOf(scope: Pick<TenantScope, "actor">): Viewer {
  const { actor } = scope;
  return {
    userId: actor.type === "user" ? actor.userId : null,
    admin: roleAtLeast(actor.role, "admin"),
  };
}

/** `templates`' columns, or an alias's (`alias(templates, "t")`). */
type TemplateColumns = { ownerId: AnyColumn; visibility: AnyColumn };

/**
 * The one read predicate: AND it into every query of `templates` (pass an alias's columns when
 * the query names the table otherwise). Templates outside it are "not found", never "forbidden",
 * so a personal template's existence does not leak.
 */
export function templateVisibleTo(scope: Pick<TenantScope, "actor">, t: TemplateColumns): SQL {
  const viewer = viewerOf(scope);
  const shared = viewer.admin
    ? sql`${t.visibility} in ('everyone', 'admins')`
    : sql`${t.visibility} = 'everyone'`;
  if (viewer.userId === null) return sql`(${shared})`;
  return sql`(${shared} or (${t.visibility} = 'personal' and ${t.ownerId} = ${viewer.userId}))`;
}

/** The templates the caller may change (SQL twin of canEdit): a subset of the visible ones. */
export function templateEditableBy(scope: Pick<TenantScope, "actor">, t: TemplateColumns): SQL {
  const viewer = viewerOf(scope);
  const own =
    viewer.userId === null
      ? sql`false`
      : sql`(${t.visibility} = 'personal' and ${t.ownerId} = ${viewer.userId})`;
  return viewer.admin ? sql`(${t.visibility} <> 'personal' or ${own})` : own;
}

/** Plain-JS twin of templateVisibleTo, for rows already loaded. */
export function canSee(
  viewer: Viewer,
  row: { ownerId: string | null; visibility: TemplateVisibility },
): boolean {
  if (row.visibility === "personal") return viewer.userId !== null && row.ownerId === viewer.userId;
  return row.visibility === "everyone" || viewer.admin;
}

/** Owners change their personal templates; admins change shared ones. */
export function canEdit(
  viewer: Viewer,
  row: { ownerId: string | null; visibility: TemplateVisibility },
): boolean {
  if (row.visibility === "personal") return viewer.userId !== null && row.ownerId === viewer.userId;
  return viewer.admin;
}

/** Throws FORBIDDEN unless the caller may change this (visible) template. */
export function requireEditable(
  scope: Pick<TenantScope, "actor">,
  row: { name: string; ownerId: string | null; visibility: TemplateVisibility },
): void {
  if (!canEdit(viewerOf(scope), row)) {
    throw forbidden(`Only a workspace admin can change the shared template "${row.name}".`);
  }
}

/**
 * The owner a new template of this visibility gets, after checking the caller may create it:
 * any person may keep personal templates; only admins (and write keys) create shared ones.
 */
export function ownerForNew(
  scope: Pick<TenantScope, "actor">,
  visibility: TemplateVisibility,
): string | null {
  const viewer = viewerOf(scope);
  if (visibility === "personal") {
    if (viewer.userId === null) {
      throw forbidden("Personal templates belong to a person; API keys create shared ones.");
    }
    return viewer.userId;
  }
  if (!viewer.admin) {
    throw forbidden("Only a workspace admin can create shared templates; save it as personal.");
  }
  return null;
}
