import { getDatabase } from "@/db";
import { errorResponse } from "@/server/access/http";
import { runInWorkspace } from "@/server/access/run-in-workspace";
import { admitSignedWebhook } from "@/server/access/signed-webhook";
import { badRequest } from "@/server/errors";
import { ingestBatch } from "@/server/inbox/ingest";
import { ingestInput } from "@/server/inbox/schemas";

export const dynamic = "force-dynamic";

/**
 * `POST /api/inbox/webhook`: the same batches as `inbox.ingest`, for help desks that cannot use
 * the typed client. Signed with the workspace's webhook secret (server/access/signed-webhook.ts);
 * a bad or stale signature stores nothing.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    const { db } = await getDatabase();
    const { access, body } = await admitSignedWebhook({ db, request });
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body));
    } catch {
      throw badRequest("The body must be JSON in UTF-8");
    }
    const parsed = ingestInput.safeParse(json);
    if (!parsed.success) {
      throw badRequest(parsed.error.issues[0]?.message ?? "The batch is not valid");
    }
    const result = await runInWorkspace(db, access, async (scope) => {
      const stored = await ingestBatch(scope, parsed.data);
      await scope.audit({
        action: "inbox.webhook",
        entityType: "inbox",
        summary: { received: stored.received, stored: stored.stored },
      });
      return stored;
    });
    return Response.json(result);
  } catch (error) {
    return errorResponse(error);
  }
}
