import { SharedLoads } from "@/server/shared-loads";
import type { WorkspaceAccess } from "@/server/workspaces/access";

/**
 * A signed-in user's membership (workspace row and role) by workspace slug, kept for 5 s per
 * process: every API call of a browser needs it, and looking it up is a transaction of its own
 * (BEGIN, settings, select, COMMIT) before the call's tenant transaction.
 *
 * How fast a change takes effect: only memberships that exist are cached, so a new member or
 * workspace is seen at once. A role change, a removal or a workspace's new settings clear this
 * process's cache when they are written (forgetWorkspaceAccess); other web processes keep the
 * old answer for at most ACCESS_TTL_MS. A removed member then still gets past this check for
 * those seconds, and the tenant transaction's RLS (bound to the workspace, not the member)
 * does not stop them; their session ends with their last membership (sessions.ts), which
 * takes effect on the same 5 s scale.
 */
export const ACCESS_TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

type Entry = { access: WorkspaceAccess; until: number };
// On globalThis: Next.js may load this module more than once per process (see sessions.ts).
const holder = globalThis as typeof globalThis & {
  parleyAccessCache?: Map<string, Entry>;
  parleyAccessLookups?: SharedLoads<string, WorkspaceAccess | null>;
};
holder.parleyAccessCache ??= new Map();
const entries: Map<string, Entry> = holder.parleyAccessCache;
/**
 * Lookups under way: when an entry expires under load, the calls arriving together share one
 * (each doing its own transaction queued fifty of them on the pool, and the API stalled for
 * 0.5–0.9 s every 5 s in bench/suggest-http.ts). forgetWorkspaceAccess drops them, so no call
 * after a change joins a lookup that began before it, and such a lookup is not kept.
 */
holder.parleyAccessLookups ??= new SharedLoads();
const lookups = holder.parleyAccessLookups;

export async function cachedAccessBySlug(
  userId: string,
  slug: string,
  lookup: () => Promise<WorkspaceAccess | null>,
  now: () => number = Date.now,
): Promise<WorkspaceAccess | null> {
  const key = `${userId}\n${slug}`;
  const hit = entries.get(key);
  if (hit && hit.until > now()) return hit.access;
  if (hit) entries.delete(key);
  return lookups.load(key, lookup, (access) => {
    if (!access) return;
    if (entries.size >= MAX_ENTRIES) {
      const oldest = entries.keys().next().value;
      if (oldest !== undefined) entries.delete(oldest);
    }
    entries.set(key, { access, until: now() + ACCESS_TTL_MS });
  });
}

/** Drops every cached membership in this process: called where memberships or workspaces change. */
export function forgetWorkspaceAccess(): void {
  entries.clear();
  lookups.forget();
}
