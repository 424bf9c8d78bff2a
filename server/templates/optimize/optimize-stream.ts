import type { Database } from "@/db";
import type { SessionUser } from "@/server/access/caller";
import { admitRequest, errorResponse } from "@/server/access/http";
import { runInWorkspace } from "@/server/access/run-in-workspace";
import type { AiRegistry } from "@/server/ai/registry";
import { AppError, badRequest, forbidden } from "@/server/errors";
import { log } from "@/server/logger";
import { roleAtLeast } from "@/server/workspaces/access";
import { getTemplate } from "../store/read-template";
import { type OptimizeDeps, optimizeTemplate } from "./optimize-template";

/** What the editor reads, one JSON object per line (application/x-ndjson). */
export type OptimizeStreamEvent =
  /** More of the rewrite: append it. */
  | { type: "delta"; text: string }
  /** The attempt shown so far was dropped (placeholder check, provider retry): start over. */
  | { type: "restart"; reason: string }
  | { type: "done"; result: Awaited<ReturnType<typeof optimizeTemplate>> }
  | { type: "error"; code: string; message: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const STREAM_AI_COST = 10;

/**
 * `POST /api/templates/<id>/optimize` with `{ goal? }`: the same optimisation as the
 * templates.optimize procedure, streamed while the provider writes. Admission is the shared
 * check (admitRequest: session or API key, workspace, rate limit); admins and write keys only.
 * Errors before the first byte are JSON responses with their status; later ones are events.
 */
export async function optimizeStreamResponse(options: {
  db: Database;
  request: Request;
  templateId: string;
  getSessionUser: () => Promise<SessionUser | null>;
  ip: string | null;
  ai: AiRegistry;
  session?: OptimizeDeps["session"];
}): Promise<Response> {
  const { db, request } = options;
  try {
    const { access, headers } = await admitRequest({
      db,
      request,
      getSessionUser: options.getSessionUser,
      intent: "write",
      ip: options.ip,
      cost: STREAM_AI_COST,
    });
    if (!roleAtLeast(access.actor.role, "admin"))
      throw forbidden("Only a workspace admin can do this");
    if (!UUID.test(options.templateId)) throw badRequest("Not a template id");
    const body = (await request.json().catch(() => ({}))) as { goal?: unknown };
    const goal = typeof body.goal === "string" ? body.goal.slice(0, 500) : null;
    const inTenant: OptimizeDeps["inTenant"] = (fn) =>
      runInWorkspace(db, access, (scope) => fn(scope));
    // A missing template is a 404 before any stream starts.
    await inTenant((scope) => getTemplate(scope, options.templateId));

    const encoder = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        const send = (event: OptimizeStreamEvent) => {
          try {
            controller.enqueue(encoder.encode(`${JSON.stringify(event)}\n`));
          } catch {
            // The client went away; the request signal cancels the provider call.
          }
        };
        let shown = "";
        try {
          const result = await optimizeTemplate(
            {
              workspaceId: access.workspace.id,
              inTenant,
              registry: options.ai,
              signal: request.signal,
              session: options.session,
            },
            { templateId: options.templateId, goal },
            {
              onText: (text) => {
                if (text.startsWith(shown)) {
                  if (text.length > shown.length)
                    send({ type: "delta", text: text.slice(shown.length) });
                } else {
                  send({ type: "restart", reason: "" });
                  send({ type: "delta", text });
                }
                shown = text;
              },
              onRestart: (reason) => {
                shown = "";
                send({ type: "restart", reason });
              },
            },
          );
          send({ type: "done", result });
        } catch (error) {
          if (error instanceof AppError)
            send({ type: "error", code: error.code, message: error.message });
          else {
            log.error("template optimisation failed", { error });
            send({
              type: "error",
              code: "INTERNAL_SERVER_ERROR",
              message: "Something went wrong on our side.",
            });
          }
        } finally {
          controller.close();
        }
      },
    });
    return new Response(stream, {
      headers: {
        ...headers,
        "content-type": "application/x-ndjson; charset=utf-8",
        "cache-control": "no-store",
        "x-accel-buffering": "no",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
