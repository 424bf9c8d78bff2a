import { and, eq } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { jobRuns } from "@/db/schema";
import { withTenant } from "@/db/tenant";
import type { SessionUser } from "@/server/access/caller";
import { admitRequest, errorResponse } from "@/server/access/http";
import { notFound } from "@/server/errors";
import { type SseEvent, sseResponse } from "@/server/sse/sse-response";
import {
  JOB_EVENTS_CHANNEL,
  jobEventsAfter,
  parseJobEventNotice,
  TERMINAL_EVENTS,
} from "./job-events";

/**
 * `GET /api/jobs/<id>/events`: a job's progress as server-sent events. Any caller admitted to
 * the job's workspace may watch (read keys included); a job of another workspace is a 404,
 * exactly like a job that does not exist.
 */
export async function jobEventsResponse(options: {
  handle: DatabaseHandle;
  request: Request;
  jobId: string;
  getSessionUser: () => Promise<SessionUser | null>;
  ip: string | null;
  heartbeatMs?: number;
}): Promise<Response> {
  const { handle, request, jobId } = options;
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
    const state = async () => {
      if (!/^[0-9a-f-]{36}$/i.test(jobId)) return null;
      const [row] = await withTenant(db, workspaceId, (tx) =>
        tx
          .select({ state: jobRuns.state })
          .from(jobRuns)
          .where(and(eq(jobRuns.id, jobId), eq(jobRuns.workspaceId, workspaceId))),
      );
      return row?.state ?? null;
    };
    if ((await state()) === null) throw notFound("Job");
    const url = new URL(request.url);
    const lastEventId =
      request.headers.get("last-event-id") ?? url.searchParams.get("lastEventId") ?? null;
    return sseResponse({
      signal: request.signal,
      lastEventId,
      headers,
      heartbeatMs: options.heartbeatMs,
      replay: async (afterId) => {
        const after = afterId && /^\d+$/.test(afterId) ? Number(afterId) : 0;
        const rows = await jobEventsAfter(db, workspaceId, jobId, after);
        return rows.map(
          (e): SseEvent => ({
            id: String(e.id),
            event: e.kind,
            data: { progress: e.progress, message: e.message, data: e.data, at: e.createdAt },
          }),
        );
      },
      subscribe: (wake) =>
        handle.listen(JOB_EVENTS_CHANNEL, (payload) => {
          if (parseJobEventNotice(payload)?.jobId === jobId) wake();
        }),
      isFinal: (event) => TERMINAL_EVENTS.has(event.event),
      finished: async () => ["completed", "failed", "cancelled"].includes((await state()) ?? ""),
    });
  } catch (error) {
    return errorResponse(error);
  }
}
