import { sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { readRows } from "@/db/migrate";
import { withTenant } from "@/db/tenant";
import type { SessionUser } from "@/server/access/caller";
import { admitRequest, errorResponse } from "@/server/access/http";
import { type SseEvent, sseResponse } from "@/server/sse/sse-response";
import { INBOX_CHANNEL } from "./changes";
import { changesAfter } from "./conversations";

/**
 * `GET /api/inbox/events?workspace=<slug>`: the workspace's inbox changes as server-sent events,
 * one `conversation` event per changed conversation (id, status, change_seq as the event id).
 * A first connection starts from now; a reconnection replays from Last-Event-ID. The browser
 * refetches what it shows; the events carry ids only.
 */
export async function inboxEventsResponse(options: {
  handle: DatabaseHandle;
  request: Request;
  getSessionUser: () => Promise<SessionUser | null>;
  ip: string | null;
  heartbeatMs?: number;
}): Promise<Response> {
  const { handle, request } = options;
  const { db } = handle;
  try {
    const { access, headers } = await admitRequest({
      db,
      request,
      getSessionUser: options.getSessionUser,
      intent: "read",
      ip: options.ip,
    });
    const workspaceId = access.workspace.id;
    const url = new URL(request.url);
    const given = request.headers.get("last-event-id") ?? url.searchParams.get("lastEventId");
    const start =
      given && /^\d{1,15}$/.test(given)
        ? given
        : String(
            readRows<{ seq: string | null }>(
              await withTenant(db, workspaceId, (tx) =>
                tx.execute(sql`select max(change_seq)::text as seq from conversations`),
              ),
            )[0]?.seq ?? 0,
          );
    return sseResponse({
      signal: request.signal,
      lastEventId: start,
      headers,
      heartbeatMs: options.heartbeatMs,
      pollMs: 10_000,
      replay: async (afterId) => {
        const after = afterId && /^\d{1,15}$/.test(afterId) ? Number(afterId) : 0;
        const rows = await withTenant(db, workspaceId, (tx) => changesAfter({ tx }, after));
        return rows.map(
          (row): SseEvent => ({
            id: String(row.changeSeq),
            event: "conversation",
            data: { id: row.id, status: row.status, lastMessageAt: row.lastMessageAt },
          }),
        );
      },
      subscribe: (wake) =>
        handle.listen(INBOX_CHANNEL, (payload) => {
          if (payload === workspaceId) wake();
        }),
      isFinal: () => false,
    });
  } catch (error) {
    return errorResponse(error);
  }
}
